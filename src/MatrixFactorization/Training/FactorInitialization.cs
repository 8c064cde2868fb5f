using System.Globalization;
using MatrixFactorization.Foundation;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>How factor matrices are filled before training. Biases always start at zero.</summary>
public sealed record FactorInitialization
{
    private FactorInitialization(FactorDistribution distribution, float a, float b)
    {
        Distribution = distribution;
        A = a;
        B = b;
    }

    /// <summary>The distribution family.</summary>
    public FactorDistribution Distribution { get; }

    /// <summary>Mean (normal) or lower bound (uniform).</summary>
    public float A { get; }

    /// <summary>Standard deviation (normal) or upper bound (uniform).</summary>
    public float B { get; }

    /// <summary>Normal(mean, standardDeviation), as Surprise's SVD (mean 0, sd 0.1).</summary>
    /// <param name="standardDeviation">A finite value ≥ 0.</param>
    /// <param name="mean">A finite value.</param>
    /// <returns>The initialization.</returns>
    public static FactorInitialization Normal(float standardDeviation, float mean = 0)
    {
        if (!float.IsFinite(standardDeviation) || standardDeviation < 0 || !float.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The standard deviation must be finite and ≥ 0, the mean finite.");
        }

        return new FactorInitialization(FactorDistribution.Normal, mean, standardDeviation);
    }

    /// <summary>
    /// Normal with every factor's mean set to √(μ/k), so that p·q starts near the global mean μ
    /// of the training ratings. Plain factorization has no bias to learn μ with; starting there
    /// spends the first epochs on taste instead of on the mean.
    /// </summary>
    /// <param name="standardDeviation">A finite value ≥ 0.</param>
    /// <returns>The initialization.</returns>
    public static FactorInitialization MeanMatched(float standardDeviation)
    {
        if (!float.IsFinite(standardDeviation) || standardDeviation < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The standard deviation must be finite and ≥ 0.");
        }

        return new FactorInitialization(FactorDistribution.MeanMatchedNormal, 0, standardDeviation);
    }

    /// <summary>Uniform on [min, max), as the notebook's <c>uniform_(0, 0.05)</c>.</summary>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound, ≥ min.</param>
    /// <returns>The initialization.</returns>
    public static FactorInitialization Uniform(float min, float max)
    {
        if (!float.IsFinite(min) || !float.IsFinite(max) || max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "The bounds must be finite with min ≤ max.");
        }

        return new FactorInitialization(FactorDistribution.Uniform, min, max);
    }

    /// <summary>Fills a matrix with draws of this distribution, the same for any thread count.</summary>
    /// <param name="matrix">The matrix to fill.</param>
    /// <param name="mean">The mean of a normal draw (the mean-matched one is the caller's to compute); unused by uniform draws.</param>
    /// <param name="rng">The generator; each chunk of rows starts from a fixed jump of it.</param>
    /// <param name="threads">The most threads to fill with.</param>
    internal void Fill(FactorMatrix matrix, float mean, SplitMix64 rng, int threads)
    {
        // Rows in chunks on several threads, each chunk's values fixed by its position alone, so
        // they do not depend on the thread count. A uniform value takes one draw, and each chunk's
        // generator is jumped ahead to exactly where a single pass would be. Normal draws take a
        // varying number of draws (the ziggurat rejects some), so each chunk starts its own
        // stretch of the sequence, 2^40 draws from the next; each row is drawn in place.
        const int ChunkRows = 1024;
        int columns = matrix.Columns;
        int chunks = (matrix.Rows + ChunkRows - 1) / ChunkRows;
        bool uniform = Distribution == FactorDistribution.Uniform;
        float a = A, b = B;
        Parallel.For(
            0,
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(threads, 1) },
            chunk =>
            {
                SplitMix64 local = rng;
                local.Skip(uniform ? (ulong)chunk * ChunkRows * (ulong)columns : (ulong)chunk << 40);
                int first = chunk * ChunkRows;
                int rows = Math.Min(matrix.Rows, first + ChunkRows) - first;
                for (int r = 0; r < rows; r++)
                {
                    Span<float> row = matrix.Row(first + r);
                    if (uniform)
                    {
                        foreach (ref float value in row)
                        {
                            value = a + ((b - a) * local.NextSingle());
                        }
                    }
                    else
                    {
                        local.NextGaussians(row);
                        foreach (ref float value in row)
                        {
                            value = mean + (b * value);
                        }
                    }
                }
            });
    }

    /// <inheritdoc/>
    public override string ToString() => Distribution switch
    {
        FactorDistribution.Normal => string.Create(CultureInfo.InvariantCulture, $"normal(mean {A}, sd {B})"),
        FactorDistribution.MeanMatchedNormal => string.Create(CultureInfo.InvariantCulture, $"normal(mean sqrt(mu/k), sd {B})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"uniform[{A}, {B})"),
    };
}

/// <summary>The distribution family of a <see cref="FactorInitialization"/>.</summary>
public enum FactorDistribution
{
    /// <summary>Gaussian.</summary>
    Normal,

    /// <summary>Uniform on an interval.</summary>
    Uniform,

    /// <summary>Gaussian whose mean makes p·q start at the global mean.</summary>
    MeanMatchedNormal,
}
