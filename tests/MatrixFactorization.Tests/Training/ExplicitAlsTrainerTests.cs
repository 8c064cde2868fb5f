using MathNet.Numerics.LinearAlgebra.Double;
using MatrixFactorization.Data;
using MatrixFactorization.Data.Splits;
using MatrixFactorization.Data.Synthetic;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public sealed class ExplicitAlsTrainerTests
{
    [Fact]
    public void One_two_and_three_threads_give_identical_parameters()
    {
        RatingStore data = TestRatings.LowRank(users: 300, items: 120, density: 0.2, seed: 8);
        float[][] Parameters(int threads)
        {
            BiasedMatrixFactorizationModel model = new ExplicitAlsTrainer(new ExplicitAlsOptions { Threads = threads, FactorCount = 20, Epochs = 4 }).Fit(data);
            return [model.UserFactors.PaddedStorage.ToArray(), model.ItemFactors.PaddedStorage.ToArray(), model.UserBiases.ToArray(), model.ItemBiases.ToArray()];
        }

        float[][] one = Parameters(1);
        foreach (int threads in new[] { 2, 3 })
        {
            float[][] other = Parameters(threads);
            for (int part = 0; part < one.Length; part++)
            {
                other[part].Should().Equal(one[part], $"{threads} threads, part {part}");
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_item_solves_its_normal_equations_against_the_final_users(bool weighted)
    {
        // The item half runs last, so each item's [q; b] must be the ridge solution on the final
        // users' [p; 1], with the penalties scaled by the item's rating count under weighted-λ.
        RatingStore data = TestRatings.LowRank(users: 150, items: 60, density: 0.3, seed: 4);
        const float Lambda = 0.08f, BiasLambda = 0.03f;
        var options = new ExplicitAlsOptions { FactorCount = 6, Epochs = 3, Regularization = Lambda, BiasRegularization = BiasLambda, WeightedRegularization = weighted };
        BiasedMatrixFactorizationModel model = new ExplicitAlsTrainer(options).Fit(data);
        int k = model.FactorCount;
        RatingColumns byItem = data.ByItem;
        foreach (int item in new[] { 0, 17, 59 })
        {
            int[] users = byItem.GetUsers(item).ToArray();
            float[] values = byItem.GetPositions(item).ToArray().Select(p => data.Values[p]).ToArray();
            int n = users.Length;
            var x = DenseMatrix.Create(n, k + 1, (j, f) => f < k ? model.UserFactors.GetRow(users[j])[f] : 1.0);
            var e = DenseVector.Create(n, j => (double)values[j] - model.GlobalMean - model.UserBiases[users[j]]);
            double scale = weighted ? n : 1;
            var penalty = DenseMatrix.CreateDiagonal(k + 1, k + 1, f => (f < k ? Lambda : BiasLambda) * scale);
            var exact = (x.TransposeThisAndMultiply(x) + penalty).Solve(x.TransposeThisAndMultiply(e));

            for (int f = 0; f < k; f++)
            {
                ((double)model.ItemFactors.GetRow(item)[f]).Should().BeApproximately(exact[f], 1e-4, $"item {item}, factor {f}");
            }

            ((double)model.ItemBiases[item]).Should().BeApproximately(exact[k], 1e-4, $"item {item}, bias");
        }
    }

    [Fact]
    public void Each_report_is_the_training_rmse_after_its_iteration()
    {
        RatingStore data = TestRatings.LowRank(users: 100, items: 50, density: 0.3, seed: 6);
        var reports = new List<EpochReport>();
        BiasedMatrixFactorizationModel model = new ExplicitAlsTrainer(new ExplicitAlsOptions { FactorCount = 5, Epochs = 4, ClipPredictions = false })
            .Fit(data, progress: new Collect(reports));

        double squared = 0;
        for (int r = 0; r < data.Count; r++)
        {
            double error = data.Values[r] - model.PredictByIndex(data.UserIndices[r], data.ItemIndices[r]).Value;
            squared += error * error;
        }

        double expected = Math.Sqrt(squared / data.Count);
        reports.Should().HaveCount(4);
        reports[^1].TrainingLoss.Should().BeApproximately(expected, expected * 1e-5);
        reports.Should().OnlyContain(r => r.LearningRate == 0f);
        reports[^1].TrainingLoss.Should().BeLessThan(reports[0].TrainingLoss);
    }

    [Fact]
    public void A_planted_rank_8_model_is_recovered_near_the_noise_floor()
    {
        var synthetic = new SyntheticOptions { Users = 2_000, Items = 1_000, Ratings = 200_000, Rank = 8, NoiseSd = 0.5, Seed = 5 };
        SyntheticDataset data = new SyntheticRatingGenerator(synthetic).Generate();
        RatingSplit split = RatingSplitter.Holdout(data.Store, new HoldoutOptions { TestFraction = 0.1, Seed = 1 });

        double floor = 0;
        for (int r = 0; r < split.Test.Count; r++)
        {
            int user = (int)split.Test.Users.GetInt64Id(split.Test.UserIndices[r]);
            int item = (int)split.Test.Items.GetInt64Id(split.Test.ItemIndices[r]);
            double error = split.Test.Values[r] - data.Model.Predict(user, item);
            floor += error * error;
        }

        floor = Math.Sqrt(floor / split.Test.Count);
        BiasedMatrixFactorizationModel model = new ExplicitAlsTrainer(new ExplicitAlsOptions { FactorCount = 8, Epochs = 10, Regularization = 0.05f, BiasRegularization = 0.05f }).Fit(split.Train);
        double rmse = RatingMetrics.Evaluate(model, split.Test).Rmse;

        // Even with the true factors of one side known, least squares on n ratings leaves an excess
        // mean squared error of about σ²·d/n per side (d = 9 parameters a row): 90 training ratings a
        // user and 180 an item give σ²·(9/90 + 9/180) = 0.0375, an RMSE of √(0.25 + 0.0375) ≈ 0.536
        // against a floor of 0.5. Regularization can only shrink that; 0.04 over the floor allows it.
        floor.Should().BeApproximately(synthetic.NoiseSd, 0.02, "the floor is the noise that was added");
        rmse.Should().BeGreaterThan(floor - 0.01, "nothing beats the noise floor by more than chance");
        rmse.Should().BeLessThan(floor + 0.04);
    }

    [Fact]
    public void Bad_options_are_refused_by_name()
    {
        var cases = new (Action Make, string Name)[]
        {
            (() => _ = new ExplicitAlsOptions { FactorCount = 0 }, "FactorCount"),
            (() => _ = new ExplicitAlsOptions { FactorCount = 257 }, "FactorCount"),
            (() => _ = new ExplicitAlsOptions { Regularization = 0f }, "Regularization"),
            (() => _ = new ExplicitAlsOptions { BiasRegularization = float.NaN }, "BiasRegularization"),
            (() => _ = new ExplicitAlsOptions { Threads = -1 }, "Threads"),
            (() => _ = new ExplicitAlsOptions { Initialization = null! }, "Initialization"),
        };
        foreach ((Action make, string name) in cases)
        {
            make.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(name);
        }
    }

    [Fact]
    public void The_fold_in_options_are_the_training_penalties()
    {
        FoldInCheck(new ExplicitAlsOptions { Regularization = 0.2f, BiasRegularization = 0.3f, WeightedRegularization = false });
    }

    private static void FoldInCheck(ExplicitAlsOptions options)
    {
        var foldIn = options.ToFoldInOptions();
        foldIn.FactorRegularization.Should().Be(0.2f);
        foldIn.BiasRegularization.Should().Be(0.3f);
        foldIn.ScaleByRatingCount.Should().BeFalse();
    }

    private sealed class Collect(List<EpochReport> reports) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => reports.Add(value);
    }
}
