using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Ease;

/// <summary>The trained weights and scores against EASE computed densely in doubles in the test.</summary>
public sealed class EaseReferenceTests
{
    private const double Unit = 1.0 / (1 << 24);

    // More users than items (the items' inverse is the cheaper one) and fewer, each solved both ways, both weightings.
    [Theory]
    [InlineData(30, 12, (int)EaseSolution.Automatic, (int)InteractionWeighting.Binary)]
    [InlineData(30, 12, (int)EaseSolution.ThroughUsers, (int)InteractionWeighting.Binary)]
    [InlineData(12, 30, (int)EaseSolution.Automatic, (int)InteractionWeighting.Binary)]
    [InlineData(12, 30, (int)EaseSolution.ThroughItems, (int)InteractionWeighting.Binary)]
    [InlineData(30, 12, (int)EaseSolution.ThroughItems, (int)InteractionWeighting.Rating)]
    [InlineData(30, 12, (int)EaseSolution.ThroughUsers, (int)InteractionWeighting.Rating)]
    public void Weights_and_scores_match_a_dense_double_precision_reference(int users, int items, int form, int weights)
    {
        var solution = (EaseSolution)form;
        var weighting = (InteractionWeighting)weights;
        RatingStore store = EaseReference.RandomStore(users, items, density: 0.35, seed: users + items);
        const float Lambda = 5;
        EaseModel model = new EaseTrainer(new EaseOptions { Lambda = Lambda, Solution = solution, Weighting = weighting, Threads = 2 }).Fit(store);
        double[,] expected = EaseReference.Weights(store, Lambda, weighting);

        // The library solves in doubles and rounds each weight to float once, which moves it by at
        // most 2⁻²⁴ of itself. With λ = 5 and at most 30 users, XᵀX + λI has eigenvalues in
        // [5, 5 + 30·30], so a condition number below 200: both double solves are within ~1e-13 of
        // the exact weights, hence the 1e-12 absolute allowance.
        double largest = expected.Cast<double>().Max(Math.Abs);
        largest.Should().BeGreaterThan(0.05, "the test needs weights that are not all tiny");
        for (int j = 0; j < items; j++)
        {
            ReadOnlySpan<float> row = model.Weights.GetRow(j);
            for (int i = 0; i < items; i++)
            {
                double tolerance = (Unit * Math.Abs(expected[j, i])) + (1e-12 * largest);
                ((double)row[i]).Should().BeApproximately(expected[j, i], tolerance, $"B[{j}, {i}]");
            }
        }

        // Scores: x_u·B summed in float over at most `items` weights.
        double[,] x = EaseReference.Interactions(store, weighting);
        var scores = new float[items];
        for (int u = 0; u < users; u++)
        {
            model.ScoreItems(u, scores);
            for (int i = 0; i < items; i++)
            {
                double sum = 0, magnitude = 0;
                for (int j = 0; j < items; j++)
                {
                    sum += x[u, j] * expected[j, i];
                    magnitude += x[u, j] * Math.Abs(expected[j, i]);
                }

                ((double)scores[i]).Should().BeApproximately(sum, (2 * (items + 2) * Unit * magnitude) + 1e-12, $"user {u}, item {i}");
            }
        }
    }

    [Fact]
    public void Under_binary_weighting_rating_values_do_not_change_the_weights()
    {
        // Every stored pair is a 1: the same pairs with other ratings give the same model.
        RatingStore store = EaseReference.RandomStore(20, 15, 0.4, seed: 2);
        var builder = new RatingStoreBuilder();
        for (int k = 0; k < store.Count; k++)
        {
            builder.Add(store.Users.GetInt64Id(store[k].User), store.Items.GetInt64Id(store[k].Item), k % 2 == 0 ? 0.5f : 5f);
        }

        var options = new EaseOptions { Lambda = 3, Weighting = InteractionWeighting.Binary };
        EaseModel plain = new EaseTrainer(options).Fit(store);
        EaseModel other = new EaseTrainer(options).Fit(builder.Build());
        for (int j = 0; j < plain.Items.Count; j++)
        {
            other.Weights.GetRow(j).ToArray().Should().Equal(plain.Weights.GetRow(j).ToArray());
        }
    }

    [Fact]
    public void Rating_weighting_reads_a_policys_ones_as_binary_and_its_ratings_as_ratings()
    {
        // The interaction policies hand the trainer ones (every rating, or those above a threshold)
        // or the ratings themselves; Rating weighting divides by the top value, so ones stay ones.
        RatingStore store = EaseReference.RandomStore(20, 15, 0.4, seed: 3);
        var rating = new EaseOptions { Lambda = 3, Weighting = InteractionWeighting.Rating };
        var binary = rating with { Weighting = InteractionWeighting.Binary };
        Weights(rating, InteractionPolicy.EveryRating.Apply(store).Store).Should().Equal(Weights(binary, store));
        Weights(rating, InteractionPolicy.RatingAsWeight.Apply(store).Store).Should().Equal(Weights(rating, store));
        Weights(rating, store).Should().NotEqual(Weights(binary, store));
    }

    private static float[] Weights(EaseOptions options, RatingStore store)
    {
        EaseModel model = new EaseTrainer(options).Fit(store);
        return Enumerable.Range(0, model.Items.Count).SelectMany(j => model.Weights.GetRow(j).ToArray()).ToArray();
    }
}
