using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>One thread's scratch memory for solving rows, allocated once per training run.</summary>
internal sealed class RowWorkspace
{
    public RowWorkspace(int factorCount, bool exact)
    {
        Vectors = new FactorMatrix(3, factorCount);
        if (exact)
        {
            System = new double[factorCount * factorCount];
            RightHandSide = new double[factorCount];
            Row = new double[factorCount];
        }
    }

    /// <summary>Three aligned, zero-padded vectors: the conjugate-gradient residual, direction and product.</summary>
    public FactorMatrix Vectors { get; }

    /// <summary>The k×k system of the exact solver, row-major; empty for conjugate gradients.</summary>
    public double[] System { get; } = [];

    /// <summary>The exact solver's right-hand side, then its solution.</summary>
    public double[] RightHandSide { get; } = [];

    /// <summary>A fixed factor row converted to double.</summary>
    public double[] Row { get; } = [];
}
