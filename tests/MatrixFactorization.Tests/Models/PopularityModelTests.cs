using MatrixFactorization.Data;
using MatrixFactorization.Data.Splits;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Tests.Data;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Models;

public sealed class PopularityModelTests : ScoringModelContract
{
    protected override bool SeedMatters => false;

    protected override bool IsPersonal => false;

    protected override IScoringModel Train(RatingStore train, ulong seed = 42, int threads = 1) => new PopularityTrainer().Fit(train);

    [Fact]
    public void On_the_seed_7_holdout_of_the_bundled_data_it_gives_the_published_ndcg()
    {
        // NDCG@10 0.164 and precision@10 0.120 for a popularity count on this split, over every
        // item the user has not rated, a held-out rating of 4 or more being relevant.
        RatingSplit split = RatingSplitter.Holdout(RatingReader.Read(BundledData.Ratings).Store, new HoldoutOptions { Seed = 7 });
        RankingAccuracy accuracy = RankingMetrics.Evaluate(new Recommender(new PopularityTrainer().Fit(split.Train), split.Train), split.Test);
        accuracy.Ndcg.Should().BeApproximately(0.164, 0.002);
        accuracy.Precision.Should().BeApproximately(0.120, 0.002);
    }

    [Fact]
    public void The_count_is_the_number_of_interactions_of_each_item()
    {
        PopularityModel model = new PopularityTrainer().Fit(TrainSet);
        for (int i = 0; i < TrainSet.ItemCount; i++)
        {
            model.Popularity[i].Should().Be(TrainSet.ItemIndices.ToArray().Count(x => x == i));
        }
    }

    [Fact]
    public void With_a_half_life_recent_interactions_outweigh_older_ones()
    {
        var day = TimeSpan.FromDays(1);
        var builder = new RatingStoreBuilder();
        long now = 1_700_000_000;

        // Item 1: three interactions 30 days old. Item 2: two interactions today.
        for (int u = 0; u < 3; u++)
        {
            builder.Add(u, 1, 4f, now - (long)(30 * day.TotalSeconds));
        }

        builder.Add(10, 2, 4f, now);
        builder.Add(11, 2, 4f, now);
        RatingStore store = builder.Build();

        PopularityModel plain = new PopularityTrainer().Fit(store);
        PopularityModel decayed = new PopularityTrainer(new PopularityOptions { HalfLife = TimeSpan.FromDays(10) }).Fit(store);
        int one = store.Items.TryGetIndex(1, out int i1) ? i1 : -1, two = store.Items.TryGetIndex(2, out int i2) ? i2 : -1;
        plain.Popularity[one].Should().Be(3);
        plain.Popularity[two].Should().Be(2);

        // Three halvings over 30 days: 3 × 1/8; today's two count fully.
        decayed.Popularity[one].Should().BeApproximately(3f / 8f, 1e-6f);
        decayed.Popularity[two].Should().Be(2f);
        new Recommender(decayed).Recommend("99", 1)[0].Id.Should().Be("2");
        new Recommender(plain).Recommend("99", 1)[0].Id.Should().Be("1");
    }

    [Fact]
    public void A_half_life_without_timestamps_is_refused_and_a_bad_one_too()
    {
        var builder = new RatingStoreBuilder();
        builder.Add(1, 1, 4f);
        RatingStore store = builder.Build();
        FluentActions.Invoking(() => new PopularityTrainer(new PopularityOptions { HalfLife = TimeSpan.FromDays(1) }).Fit(store))
            .Should().Throw<ArgumentException>().WithMessage("*no timestamps*");
        FluentActions.Invoking(() => new PopularityOptions { HalfLife = TimeSpan.Zero })
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("HalfLife");
    }
}
