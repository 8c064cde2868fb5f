using MatrixFactorization.Data;
using MatrixFactorization.Data.Splits;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Evaluation;

public sealed class CrossValidationTests
{
    private static readonly RatingStore Data = TestRatings.LowRank(users: 60, items: 40, density: 0.4, seed: 2);

    private static IRatingModel Fit(RatingStore train) =>
        new BiasedMatrixFactorizationTrainer(new BiasedMatrixFactorizationOptions { FactorCount = 4, Epochs = 15, Threads = 1 }).Fit(train);

    [Fact]
    public void Each_fold_scores_the_model_trained_on_the_others_and_the_summary_is_their_mean_and_sd()
    {
        CrossValidationResult result = CrossValidation.Run(Data, Fit, new CrossValidationOptions { Folds = 3, Repeats = 2, Seed = 7 });

        result.Folds.Should().HaveCount(6);
        result.Folds.Select(f => (f.Repeat, f.Fold)).Should().Equal((0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2));
        var expected = new List<double>();
        for (int repeat = 0; repeat < 2; repeat++)
        {
            foreach (RatingSplit split in RatingSplitter.KFold(Data, new KFoldOptions { Folds = 3, Seed = 7 + (ulong)repeat }))
            {
                expected.Add(RatingMetrics.Evaluate(Fit(split.Train), split.Test).Rmse);
            }
        }

        MetricSummary rmse = result.Get(Metric.Rmse);
        rmse.Values.Should().Equal(expected);
        double mean = expected.Sum() / 6;
        double sd = Math.Sqrt(expected.Sum(v => (v - mean) * (v - mean)) / 5);
        rmse.Mean.Should().BeApproximately(mean, 1e-12);
        rmse.StandardDeviation.Should().BeApproximately(sd, 1e-12);
        rmse.LowerIsBetter.Should().BeTrue();
        result.FitSecondsMean.Should().BeGreaterThan(0);
        FluentActions.Invoking(() => result.Get(Metric.Ndcg)).Should().Throw<KeyNotFoundException>();
    }

    [Fact]
    public void The_same_seed_gives_the_same_result_and_ranking_metrics_are_reported_when_asked()
    {
        var options = new CrossValidationOptions { Folds = 2, Seed = 3, Ranking = new RankingOptions { K = 5, RelevanceThreshold = 3.5f } };
        CrossValidationResult a = CrossValidation.Run(Data, Fit, options);
        CrossValidationResult b = CrossValidation.Run(Data, Fit, options);
        CrossValidationResult other = CrossValidation.Run(Data, Fit, options with { Seed = 4 });

        a.Metrics.Select(m => m.Metric).Should().Contain([Metric.Precision, Metric.Recall, Metric.Ndcg, Metric.MeanAveragePrecision, Metric.HitRate, Metric.MeanReciprocalRank, Metric.CatalogCoverage]);
        a.Metrics.Select(m => m.Values).Should().BeEquivalentTo(b.Metrics.Select(m => m.Values), o => o.WithStrictOrdering());
        other.Get(Metric.Rmse).Values.Should().NotEqual(a.Get(Metric.Rmse).Values);
        a.Folds.Should().OnlyContain(f => f.Ranking!.UsersEvaluated > 0 && f.Ranking.K == 5);
    }
}
