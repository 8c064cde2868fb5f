using BenchmarkDotNet.Attributes;
using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Training;

namespace MatrixFactorization.Benchmarks.Recommendation;

/// <summary>
/// Top-10 for every one of the 610 users of ml-latest-small (9,724 items), excluding what each
/// rated, at k = 64, in parallel on all cores. Target &lt; 30 ms on 2 cores.
/// </summary>
[MemoryDiagnoser]
public class AllUsersBench
{
    private Recommender _recommender = null!;
    private int[] _users = [];

    [Params(64)]
    public int Factors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        RatingStore store = RatingReader.Read(FindRatings()).Store;
        BiasedMatrixFactorizationModel model = new BiasedMatrixFactorizationTrainer(
            new BiasedMatrixFactorizationOptions { FactorCount = Factors, Epochs = 5 }).Fit(store);
        _recommender = new Recommender(model, store);
        _users = Enumerable.Range(0, store.UserCount).ToArray();
    }

    [Benchmark]
    public ScoredItem[][] AllUsersTopTen() => _recommender.RecommendManyByIndex(_users, 10);

    private static string FindRatings()
    {
        // Benchmarks run from a generated folder under the repository; walk up to its data folder.
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data", "ml-latest-small", "ratings.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("data/ml-latest-small/ratings.csv was not found above the benchmark folder.");
    }
}
