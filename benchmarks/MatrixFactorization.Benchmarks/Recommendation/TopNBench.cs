using BenchmarkDotNet.Attributes;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Benchmarks.Recommendation;

/// <summary>
/// Top-10 for one user over 10,000 items at k = 64: score every item with the SIMD kernel, then a
/// bounded heap. Target ≤ 50 µs. MemoryDiagnoser shows the allocation is the result alone
/// (10 entries and their id strings).
/// </summary>
[MemoryDiagnoser]
public class TopNBench
{
    private Recommender _recommender = null!;
    private int _user;

    [Params(64)]
    public int Factors { get; set; }

    [Params(10_000)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        BiasedMatrixFactorizationModel model = RandomModels.Biased(users: 1_000, Items, Factors);
        _recommender = new Recommender(model);
    }

    [Benchmark]
    public ScoredItem[] TopTen()
    {
        _user = (_user + 1) % 1_000;
        return _recommender.RecommendByIndex(_user, 10);
    }
}
