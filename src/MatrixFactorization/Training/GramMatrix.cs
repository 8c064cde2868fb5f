using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>
/// G = YᵀY + λI for the fixed side of a half-iteration: the part of every row's system that all
/// rows share (Hu, Koren and Volinsky's "YᵀY is independent of u"), computed once per half-iteration.
/// </summary>
/// <remarks>
/// Y's rows are cut into a fixed number of chunks whose bounds depend only on the row count; each
/// chunk's partial sum is a float k×k matrix built by rank-one updates, and the partials are added
/// in chunk order in double precision. Which thread summed which chunk therefore cannot change a
/// bit, and G is bitwise symmetric because entry (f, g) and (g, f) add the same products in the same order.
/// </remarks>
internal sealed class GramMatrix
{
    // Partial sums kept at once: at most 8 M floats (32 MiB), and never more than 32 chunks.
    private const long PartialBudget = 8L << 20;
    private const int MaxChunks = 32;

    private readonly int _k;
    private readonly FactorMatrix[] _partials;
    private readonly double[] _total;
    private readonly Action<int> _sumChunk;
    private FactorMatrix? _source;
    private int _chunkRows;

    public GramMatrix(int factorCount)
    {
        _k = factorCount;
        Single = new FactorMatrix(factorCount, factorCount);
        Double = new double[factorCount * factorCount];
        _total = new double[factorCount * factorCount];
        long partialSize = (long)factorCount * Single.Stride;
        _partials = new FactorMatrix[(int)Math.Clamp(PartialBudget / partialSize, 1, MaxChunks)];
        for (int c = 0; c < _partials.Length; c++)
        {
            _partials[c] = new FactorMatrix(factorCount, factorCount);
        }

        _sumChunk = SumChunk;
    }

    /// <summary>G in single precision, one padded row per factor, for the conjugate-gradient solver.</summary>
    public FactorMatrix Single { get; }

    /// <summary>G in double precision, row-major k×k, for the Cholesky solver.</summary>
    public double[] Double { get; }

    /// <summary>The trace of YᵀY, Σ_r ‖y_r‖²: the fixed side's penalty is λ times it.</summary>
    public double TraceOfProducts { get; private set; }

    /// <summary>Computes G = YᵀY + λI for the rows of <paramref name="factors"/>.</summary>
    public void Compute(FactorMatrix factors, float regularization, PhaseRunner runner)
    {
        _source = factors;
        int chunks = Math.Max(1, Math.Min(_partials.Length, factors.Rows));
        _chunkRows = (factors.Rows + chunks - 1) / chunks;
        runner.Run(_sumChunk, chunks);
        _source = null;

        Array.Clear(_total);
        for (int c = 0; c < chunks; c++)
        {
            for (int f = 0; f < _k; f++)
            {
                ReadOnlySpan<float> row = _partials[c].GetRow(f);
                Span<double> total = _total.AsSpan(f * _k, _k);
                for (int g = 0; g < _k; g++)
                {
                    total[g] += row[g];
                }
            }
        }

        double trace = 0;
        for (int f = 0; f < _k; f++)
        {
            trace += _total[(f * _k) + f];
            _total[(f * _k) + f] += regularization;
        }

        TraceOfProducts = trace;
        _total.CopyTo(Double, 0);
        for (int f = 0; f < _k; f++)
        {
            Span<float> row = Single.Row(f);
            for (int g = 0; g < _k; g++)
            {
                row[g] = (float)_total[(f * _k) + g];
            }
        }
    }

    private void SumChunk(int chunk)
    {
        FactorMatrix source = _source!;
        FactorMatrix partial = _partials[chunk];
        partial.PaddedStorage.Clear();
        int stride = source.Stride;
        int first = chunk * _chunkRows;
        int end = Math.Min(source.Rows, first + _chunkRows);
        for (int r = first; r < end; r++)
        {
            ref float y = ref source.RowReference(r);
            ReadOnlySpan<float> values = source.GetRow(r);
            for (int f = 0; f < _k; f++)
            {
                // Rows of users or items without interactions are zero; skipping zeros changes no sum.
                if (values[f] != 0)
                {
                    FactorKernels.AxpyPadded(values[f], ref y, ref partial.RowReference(f), stride);
                }
            }
        }
    }
}
