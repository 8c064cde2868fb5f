using MatrixFactorization.Data;
using MatrixFactorization.Data.Synthetic;

namespace MatrixFactorization.Tests.Data.Synthetic;

public class SyntheticGeneratorTests
{
    private static readonly SyntheticOptions Tiny = new() { Users = 300, Items = 120, Ratings = 6_000, Rank = 4, Seed = 17 };

    [Fact]
    public void The_small_preset_has_exact_counts_and_no_duplicate_pairs()
    {
        var options = SyntheticOptions.Small;
        var generator = new SyntheticRatingGenerator(options);
        RatingStore store = generator.Generate().Store;

        store.Count.Should().Be(100_000);
        store.UserCount.Should().Be(2_000);
        store.ItemCount.Should().Be(500);
        generator.UserRatingCounts.ToArray().Sum().Should().Be(100_000);
        store.Statistics.UserCounts.SequenceEqual(generator.UserRatingCounts).Should().BeTrue();
        var pairs = new HashSet<(int, int)>();
        for (int p = 0; p < store.Count; p++)
        {
            pairs.Add((store.UserIndices[p], store.ItemIndices[p]));
        }

        pairs.Should().HaveCount(100_000, "no (user, item) pair is rated twice");
    }

    [Fact]
    public void Dense_indices_are_the_raw_ids()
    {
        RatingStore store = new SyntheticRatingGenerator(Tiny).Generate().Store;

        store.Users.GetInt64Id(0).Should().Be(0);
        store.Users.GetInt64Id(299).Should().Be(299);
        store.Items.GetInt64Id(119).Should().Be(119);
    }

    [Fact]
    public void The_same_seed_gives_identical_data_with_any_thread_count()
    {
        var options = SyntheticOptions.Small with { Seed = 5 };

        RatingStore one = new SyntheticRatingGenerator(options, maxDegreeOfParallelism: 1).Generate().Store;
        var twoThreads = new SyntheticRatingGenerator(options, maxDegreeOfParallelism: 2).Generate();
        var allCores = new SyntheticRatingGenerator(options, maxDegreeOfParallelism: -1).Generate();

        foreach (var other in new[] { twoThreads.Store, allCores.Store })
        {
            other.UserOffsets.SequenceEqual(one.UserOffsets).Should().BeTrue();
            other.ItemIndices.SequenceEqual(one.ItemIndices).Should().BeTrue();
            other.Values.SequenceEqual(one.Values).Should().BeTrue();
        }

        twoThreads.NoiseFloorRmse.Should().Be(allCores.NoiseFloorRmse);
    }

    [Fact]
    public void Another_seed_gives_other_data()
    {
        RatingStore a = new SyntheticRatingGenerator(Tiny).Generate().Store;
        RatingStore b = new SyntheticRatingGenerator(Tiny with { Seed = 18 }).Generate().Store;

        b.Values.SequenceEqual(a.Values).Should().BeFalse();
        b.ItemIndices.SequenceEqual(a.ItemIndices).Should().BeFalse();
    }

    [Fact]
    public void Rounded_ratings_are_half_stars_from_half_a_star_to_five()
    {
        var data = new SyntheticRatingGenerator(SyntheticOptions.Small with { RoundToHalfStars = true, NoiseSd = 1.0 }).Generate();

        data.Store.Values.ToArray().Should().OnlyContain(v => v >= 0.5f && v <= 5f && v * 2 == MathF.Round(v * 2));
        data.Store.Values.ToArray().Distinct().Should().HaveCount(10);
        data.Store.Statistics.Scale.Should().Be(RatingScale.HalfStars);
    }

    [Fact]
    public void Popularity_is_skewed_toward_a_few_users_and_items()
    {
        var generator = new SyntheticRatingGenerator(SyntheticOptions.Small);
        RatingStore store = generator.Generate().Store;

        ShareOfTopTenth(store.Statistics.UserCounts).Should().BeGreaterThan(0.3);
        ShareOfTopTenth(store.Statistics.ItemCounts).Should().BeGreaterThan(0.3);

        RatingStore flat = new SyntheticRatingGenerator(SyntheticOptions.Small with { UserPopularityExponent = 0, ItemPopularityExponent = 0 }).Generate().Store;
        ShareOfTopTenth(flat.Statistics.UserCounts).Should().BeApproximately(0.1, 0.01);
        ShareOfTopTenth(flat.Statistics.ItemCounts).Should().BeLessThan(0.15);
    }

    [Fact]
    public void Without_rounding_the_noise_floor_is_close_to_the_noise_sd_and_matches_a_recount()
    {
        var data = new SyntheticRatingGenerator(SyntheticOptions.Small with { NoiseSd = 0.7 }).Generate();

        data.NoiseFloorRmse.Should().BeApproximately(0.7, 0.01);
        data.Model.NoiseSd.Should().Be(0.7);
        Recount(data).Should().BeApproximately(data.NoiseFloorRmse, 1e-9);
    }

    [Fact]
    public void With_rounding_the_noise_floor_is_measured_against_the_unrounded_truth()
    {
        var data = new SyntheticRatingGenerator(SyntheticOptions.Small with { RoundToHalfStars = true, NoiseSd = 0.3 }).Generate();

        Recount(data).Should().BeApproximately(data.NoiseFloorRmse, 1e-9);

        // Rounding adds about (0.5)²/12 of variance on top of the Gaussian noise.
        data.NoiseFloorRmse.Should().BeApproximately(Math.Sqrt((0.3 * 0.3) + (0.25 / 12)), 0.02);
    }

    [Fact]
    public void The_planted_parameters_have_the_configured_spread()
    {
        var options = SyntheticOptions.Small with { UserBiasSd = 0.2, ItemBiasSd = 0.6, FactorSd = 0.5 };
        PlantedModel model = new SyntheticRatingGenerator(options).Model;

        model.Rank.Should().Be(8);
        model.GlobalMean.Should().Be(3.5);
        Sd(model.UserBiases).Should().BeApproximately(0.2, 0.02);
        Sd(model.ItemBiases).Should().BeApproximately(0.6, 0.06);
        Sd(model.UserFactors).Should().BeApproximately(0.5, 0.02);
        model.GetItemFactors(3).ToArray().Should().Equal(model.ItemFactors.Slice(24, 8).ToArray());
    }

    [Fact]
    public void Heavy_users_under_steep_popularity_still_get_distinct_items()
    {
        // Steep item popularity makes most draws repeats, which moves the heavy users off rejection sampling.
        var options = new SyntheticOptions { Users = 40, Items = 200, Ratings = 6_000, ItemPopularityExponent = 2.5, UserPopularityExponent = 1.5, Seed = 3 };
        var generator = new SyntheticRatingGenerator(options, maxDegreeOfParallelism: 1);
        RatingStore store = generator.Generate().Store;
        RatingStore again = new SyntheticRatingGenerator(options, maxDegreeOfParallelism: 2).Generate().Store;

        generator.UserRatingCounts.ToArray().Max().Should().Be(200, "the heaviest users are capped at every item");
        store.Count.Should().Be(6_000);
        again.ItemIndices.SequenceEqual(store.ItemIndices).Should().BeTrue();
        for (int u = 0; u < store.UserCount; u++)
        {
            store.GetUserRatings(u).Items.ToArray().Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        }
    }

    [Fact]
    public void Every_pair_rated_and_no_ratings_are_edge_cases_that_work()
    {
        RatingStore full = new SyntheticRatingGenerator(Tiny with { Ratings = 300 * 120 }).Generate().Store;
        var empty = new SyntheticRatingGenerator(Tiny with { Ratings = 0 }).Generate();

        full.Count.Should().Be(300 * 120);
        full.Statistics.Density.Should().Be(1);
        empty.Store.Count.Should().Be(0);
        empty.NoiseFloorRmse.Should().Be(0);
    }

    private static double Recount(SyntheticDataset data)
    {
        double sum = 0;
        for (int p = 0; p < data.Store.Count; p++)
        {
            Rating r = data.Store[p];
            double error = r.Value - data.Model.Predict(r.User, r.Item);
            sum += error * error;
        }

        return Math.Sqrt(sum / data.Store.Count);
    }

    private static double ShareOfTopTenth(ReadOnlySpan<int> counts)
    {
        int[] sorted = counts.ToArray();
        Array.Sort(sorted);
        Array.Reverse(sorted);
        return sorted.Take(sorted.Length / 10).Sum() / (double)sorted.Sum();
    }

    private static double Sd(ReadOnlySpan<float> values)
    {
        double mean = 0, squares = 0;
        foreach (float v in values)
        {
            mean += v;
            squares += (double)v * v;
        }

        mean /= values.Length;
        return Math.Sqrt((squares / values.Length) - (mean * mean));
    }
}
