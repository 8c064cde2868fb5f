using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>One thread's scratch memory for solving rows, allocated once per training run.</summary>
internal sealed class RowWorkspace
{
    /// <param name="factorCount">k.</param>
    /// <param name="longestRow">The most interactions of any row to be solved.</param>
    /// <param name="exact">Whether the exact solver's k×k system is needed too.</param>
    public RowWorkspace(int factorCount, int longestRow, bool exact)
    {
        Vectors = new FactorMatrix(3, factorCount);
        Weights = new float[longestRow];
        Identity = Enumerable.Range(0, factorCount).ToArray();
        if (exact)
        {
            System = new double[factorCount * factorCount];
            RightHandSide = new double[factorCount];
            Row = new double[factorCount];
        }
    }

    /// <summary>Three aligned, zero-padded vectors: the conjugate-gradient residual, direction and product.</summary>
    public FactorMatrix Vectors { get; }

    /// <summary>One weight per interaction of the row: the coefficient of its fixed row in a combination.</summary>
    public float[] Weights { get; }

    /// <summary>0, 1, …, k − 1: the rows of the k×k Gram matrix, so G·v is a combination of its rows like any other.</summary>
    public int[] Identity { get; }

    /// <summary>The k×k system of the exact solver, row-major; empty for conjugate gradients.</summary>
    public double[] System { get; } = [];

    /// <summary>The exact solver's right-hand side, then its solution.</summary>
    public double[] RightHandSide { get; } = [];

    /// <summary>A fixed factor row converted to double.</summary>
    public double[] Row { get; } = [];
}
