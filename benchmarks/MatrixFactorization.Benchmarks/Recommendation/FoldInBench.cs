using BenchmarkDotNet.Attributes;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Benchmarks.Recommendation;

/// <summary>
/// Folding in a user with 20 ratings at k = 64 (a 65×65 Cholesky with the bias): building the
/// normal equations, factoring and solving. Target ≤ 50 µs.
/// </summary>
[MemoryDiagnoser]
public class FoldInBench
{
    private FoldInSolver _solver = null!;
    private int[] _items = [];
    private float[] _ratings = [];

    [Params(64)]
    public int Factors { get; set; }

    [Params(20)]
    public int Ratings { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        BiasedMatrixFactorizationModel model = RandomModels.Biased(users: 100, items: 10_000, Factors);
        _solver = new FoldInSolver(model);
        var rng = new Random(2);
        _items = Enumerable.Range(0, 10_000).OrderBy(_ => rng.Next()).Take(Ratings).ToArray();
        _ratings = _items.Select(_ => (float)(rng.Next(1, 11) / 2.0)).ToArray();
    }

    [Benchmark]
    public FoldedInUser FoldIn() => _solver.FoldInUserByIndex(_items, _ratings);
}
