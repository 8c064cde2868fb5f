using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>One thread's scratch memory for explicit ALS's row solves, allocated once per training run.</summary>
internal sealed class ExplicitAlsWorkspace
{
    /// <summary>Ratings gathered at a time: the transposed block of their factor rows (k × this floats) stays in the first-level cache for k up to about 64.</summary>
    public const int Chunk = 128;

    /// <param name="factorCount">k.</param>
    public ExplicitAlsWorkspace(int factorCount)
    {
        int size = factorCount + 1;
        Sums = new FactorMatrix(factorCount + 2, factorCount);
        Transposed = new float[factorCount * Chunk];
        Ones = new float[Chunk];
        Array.Fill(Ones, 1f);
        Residuals = new float[Chunk];
        System = new double[size * size];
        RightHandSide = new double[size];
    }

    /// <summary>
    /// Float sums over the row's ratings, one padded row each: rows 0 … k − 1 the lower triangle of
    /// Σ q qᵀ, row k Σ q, row k + 1 Σ e q (e the rating less the fixed part of its prediction).
    /// </summary>
    public FactorMatrix Sums { get; }

    /// <summary>A chunk's fixed factor rows transposed: entry f·<see cref="Chunk"/> + j is factor f of the chunk's j-th rating.</summary>
    public float[] Transposed { get; }

    /// <summary><see cref="Chunk"/> ones, the weights of Σ q.</summary>
    public float[] Ones { get; }

    /// <summary>The chunk's residuals e, or its dot products when the loss is taken.</summary>
    public float[] Residuals { get; }

    /// <summary>The (k + 1)×(k + 1) system, row-major; only its lower triangle is used.</summary>
    public double[] System { get; }

    /// <summary>The right-hand side, then the solution [x; b].</summary>
    public double[] RightHandSide { get; }
}
