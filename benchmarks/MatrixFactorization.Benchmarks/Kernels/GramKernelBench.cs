using BenchmarkDotNet.Attributes;
using MatrixFactorization.Kernels;
using MatrixFactorization.Training;

namespace MatrixFactorization.Benchmarks.Kernels;

/// <summary>
/// One explicit ALS row at the synthetic set's average user (112 ratings): the Gram sums of the
/// gathered panel, the k×k Cholesky factorization and solve (the bias eliminated) in the single
/// precision the row solve uses, against the double dot-product form it replaced, and the whole row
/// solve (gather, sums, system, factorization) that training runs for every user and item.
/// </summary>
[MemoryDiagnoser]
public class GramKernelBench
{
    private const int Ratings = 112;
    private const int FixedRows = 40_000;
    private FactorMatrix _fixed = null!;
    private float[] _fixedBiases = null!;
    private int[] _columns = null!;
    private float[] _values = null!;
    private float[] _x = null!;
    private ExplicitAlsWorkspace _workspace = null!;
    private double[] _rhs = null!;
    private double[] _dense = null!;
    private float[] _systemFloat = null!;
    private float[] _factoredFloat = null!;
    private float[] _rhsFloat = null!;
    private int _strideFloat;

    [Params(32, 64, 128)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(K);
        _fixed = BenchData.Random(FixedRows, K, seed: K);
        _fixedBiases = [.. Enumerable.Range(0, FixedRows).Select(_ => random.NextSingle() - 0.5f)];
        _columns = [.. Enumerable.Range(0, Ratings).Select(_ => random.Next(FixedRows)).Order()];
        _values = [.. _columns.Select(_ => 1 + (4 * random.NextSingle()))];
        _x = new float[K];
        _workspace = new ExplicitAlsWorkspace(K);

        // A factored system to time the factorization on: the row's own, before factoring.
        float bias = 0;
        ExplicitAlsRow.Solve(_x, ref bias, _fixed, _fixedBiases, _columns, _values, default, 3.5f, 0.1 * Ratings, 0.1 * Ratings, _workspace);
        _strideFloat = FloatUpperCholesky.Stride(K);
        _systemFloat = new float[K * _strideFloat];
        for (int i = 0; i < K; i++)
        {
            _systemFloat[(i * _strideFloat) + i] = Ratings;
            for (int j = i + 1; j < K; j++)
            {
                _systemFloat[(i * _strideFloat) + j] = random.NextSingle() - 0.5f;
            }
        }

        _rhs = new double[K];
        _dense = new double[K * K];
        _factoredFloat = new float[_systemFloat.Length];
        _rhsFloat = new float[_strideFloat];
    }

    /// <summary>PᵀP of one chunk of the panel as the row solve leaves it (64 ratings).</summary>
    [Benchmark]
    public void Gram() => Run(KernelDispatch.Active);

    /// <summary>The same on the AVX2-width path.</summary>
    [Benchmark]
    public void Gram256() => Run(KernelPath.Vector256);

    /// <summary>A row's system (the bias eliminated), factored and solved in single precision as the row solve does.</summary>
    [Benchmark]
    public bool CholeskyFloat()
    {
        _systemFloat.CopyTo(_factoredFloat, 0);
        bool ok = FloatUpperCholesky.Factor(KernelDispatch.Active, _factoredFloat, K, _strideFloat);
        FloatUpperCholesky.Solve(KernelDispatch.Active, _factoredFloat, K, _strideFloat, _rhsFloat);
        return ok;
    }

    /// <summary>The row-oriented (left-looking, dot product) factorization the blocked one replaced, on the same matrix.</summary>
    [Benchmark]
    public bool CholeskyDot()
    {
        int n = K;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                _dense[(i * n) + j] = _systemFloat[(j * _strideFloat) + i];
            }
        }

        bool ok = DenseCholesky.Factor(_dense, n);
        DenseCholesky.Solve(_dense, n, _rhs);
        return ok;
    }

    [Benchmark(Baseline = true)]
    public float Row()
    {
        float bias = 0;
        ExplicitAlsRow.Solve(_x, ref bias, _fixed, _fixedBiases, _columns, _values, default, 3.5f, 0.1 * Ratings, 0.1 * Ratings, _workspace);
        return bias;
    }

    private void Run(KernelPath path) =>
        GramKernel.Compute(path, ref _workspace.Panel.RowReference(0), _workspace.Panel.Stride, ExplicitAlsWorkspace.Chunk, K, K, ref _workspace.Gram.RowReference(0), _workspace.Gram.Stride, accumulate: false);
}
