using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;
using MatrixFactorization.Training;
using Xunit.Abstractions;

namespace MatrixFactorization.Tests.Fuzz;

/// <summary>
/// An EASE model of many users with one interaction each over a few hundred items: precomputing
/// every user's score row would take about 60 bytes per file byte, so a load must score such
/// users from B instead, and score them the same.
/// </summary>
public sealed class EaseAllocationTests(ITestOutputHelper output)
{
    [Fact]
    public void Loading_many_users_with_one_interaction_allocates_within_the_bound_and_scores_the_same()
    {
        const int Users = 60_000, Items = 420;
        var builder = new RatingStoreBuilder();
        for (int user = 0; user < Users; user++)
        {
            builder.Add(user, user % Items, 1 + (user % 5));
        }

        EaseModel trained = new EaseTrainer(new EaseOptions { Lambda = 5 }).Fit(builder.Build());
        using var file = new MemoryStream();
        ModelSerializer.Save(trained, file);
        byte[] bytes = file.ToArray();
        ((long)Users * Items * sizeof(float)).Should().BeGreaterThan(FuzzTargets.ModelAllocationBound(bytes.Length), "the test needs score rows beyond the bound");

        ModelSerializer.Open(new MemoryStream(bytes));
        long before = GC.GetAllocatedBytesForCurrentThread();
        IScoringModel loaded = ModelSerializer.Load(new MemoryStream(bytes));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"{allocated} bytes allocated for a {bytes.Length}-byte file, {(double)allocated / bytes.Length:0.00} per byte");
        allocated.Should().BeLessThanOrEqualTo(FuzzTargets.ModelAllocationBound(bytes.Length));

        var expected = new float[Items];
        var actual = new float[Items];
        foreach (int user in new[] { 0, 1, 419, 420, 12_345, Users - 1 })
        {
            trained.ScoreItems(user, expected);
            loaded.ScoreItems(user, actual);
            actual.Should().Equal(expected, $"user {user} scores the same from B as from the precomputed row");
        }
    }
}
