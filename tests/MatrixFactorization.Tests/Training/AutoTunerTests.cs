using MatrixFactorization.Data;
using MatrixFactorization.Data.Synthetic;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public sealed class AutoTunerTests
{
    private static readonly Lazy<RatingStore> Noisy = new(() => new SyntheticRatingGenerator(
        new SyntheticOptions { Users = 400, Items = 150, Ratings = 16_000, Rank = 2, NoiseSd = 0.8, Seed = 3 }).Generate().Store);

    private static readonly Lazy<RatingStore> NoiseFree = new(() => new SyntheticRatingGenerator(
        new SyntheticOptions { Users = 300, Items = 100, Ratings = 15_000, Rank = 2, NoiseSd = 0, Seed = 4 }).Generate().Store);

    private static readonly ExplicitAlsOptions SmallAls = new() { FactorCount = 4, Epochs = 6, Threads = 1 };

    [Fact]
    public void The_same_seed_gives_the_same_trials_and_choice_and_another_seed_another_sample()
    {
        AutoTuneResult<ExplicitAlsOptions> Tune(ulong seed) =>
            new AutoTuner(new AutoTuneOptions { Seed = seed, MaxSampleRatings = 10_000, MaxTrialsPerSearch = 4 }).TuneExplicitAls(Noisy.Value, SmallAls);

        AutoTuneResult<ExplicitAlsOptions> first = Tune(5);
        AutoTuneResult<ExplicitAlsOptions> again = Tune(5);
        again.Chosen.Should().Be(first.Chosen);
        again.Trials.Select(t => t.ValidationRmse).Should().Equal(first.Trials.Select(t => t.ValidationRmse));
        again.Trials.Select(t => t.Options).Should().Equal(first.Trials.Select(t => t.Options));

        AutoTuneResult<ExplicitAlsOptions> other = Tune(6);
        other.Trials[0].ValidationRmse.Should().NotBe(first.Trials[0].ValidationRmse, "another seed draws other users and other held-out ratings");
    }

    [Fact]
    public void The_sample_keeps_whole_users_under_the_cap_and_holds_out_only_training_ratings()
    {
        RatingStore train = Noisy.Value;
        var options = new AutoTuneOptions { MaxSampleRatings = 6_000, Seed = 9 };
        TuningSample sample = TuningSample.Draw(train, options);

        (sample.Fit.Count + sample.Validation.Count).Should().BeLessThanOrEqualTo(6_000);
        sample.Fit.Users.Should().BeSameAs(train.Users, "the sample is a subset of the training store and nothing else");
        sample.Validation.Users.Should().BeSameAs(train.Users);
        int sampledUsers = 0;
        for (int u = 0; u < train.UserCount; u++)
        {
            int full = train.GetUserRatings(u).Length;
            int taken = sample.Fit.GetUserRatings(u).Length + sample.Validation.GetUserRatings(u).Length;
            taken.Should().BeOneOf([0, full], $"user {u} is taken whole or not at all");
            sampledUsers += taken > 0 ? 1 : 0;
        }

        sample.Users.Should().Be(sampledUsers);
        ((double)sample.Validation.Count / (sample.Fit.Count + sample.Validation.Count)).Should().BeApproximately(0.1, 0.03);
    }

    [Fact]
    public void Weighted_search_picks_the_lowest_validation_rmse_of_its_grid_as_scored_independently()
    {
        // The search itself is checked against an exhaustive scoring of every λ it tried, done
        // here with the trainer on the same sample: the chosen λ must be the grid's minimum.
        var tuneOptions = new AutoTuneOptions { Seed = 2, MaxTrialsPerSearch = 6 };
        AutoTuneResult<ExplicitAlsOptions> result = new AutoTuner(tuneOptions).TuneExplicitAls(Noisy.Value, SmallAls);
        TuningSample sample = TuningSample.Draw(Noisy.Value, tuneOptions);
        double Independent(ExplicitAlsOptions o) =>
            Models.TestRatings.Rmse(new ExplicitAlsTrainer(o with { EarlyStoppingPatience = 2 }).Fit(sample.Fit, sample.Validation), sample.Validation);

        (ExplicitAlsOptions Options, double Rmse)[] scored = [.. result.Trials.Select(t => ((ExplicitAlsOptions)t.Options, Independent((ExplicitAlsOptions)t.Options)))];
        ExplicitAlsOptions best = scored.MinBy(s => s.Rmse).Options;
        result.Chosen.Regularization.Should().Be(best.Regularization);
        result.Chosen.WeightedRegularization.Should().Be(best.WeightedRegularization);
    }

    [Fact]
    public void Without_noise_less_regularization_wins_and_with_strong_noise_more()
    {
        // Noise-free rank-2 ratings are fitted exactly by k = 4 with no penalty, so any λ only
        // biases the fit: the weighted search must walk below its start. Under noise of sd 0.8
        // (about twice the planted signal) with ~40 ratings a user, a small λ overfits: it must walk above.
        var tuner = new AutoTuner(new AutoTuneOptions { Seed = 1, MaxTrialsPerSearch = 5 });
        ExplicitAlsOptions start = SmallAls with { Regularization = 0.05f, BiasRegularization = 0.05f };
        tuner.TuneExplicitAls(NoiseFree.Value, start).Trials.Where(t => ((ExplicitAlsOptions)t.Options).WeightedRegularization)
            .MinBy(t => t.ValidationRmse)!.Options.Should().Match<ExplicitAlsOptions>(o => o.Regularization < 0.05f);
        tuner.TuneExplicitAls(Noisy.Value, start).Trials.Where(t => ((ExplicitAlsOptions)t.Options).WeightedRegularization)
            .MinBy(t => t.ValidationRmse)!.Options.Should().Match<ExplicitAlsOptions>(o => o.Regularization > 0.05f);
    }

    [Fact]
    public void Biased_sgd_chooses_the_epochs_of_its_best_trial_and_keeps_what_it_does_not_search()
    {
        var start = new BiasedMatrixFactorizationOptions { FactorCount = 4, Epochs = 8, Threads = 1, GridSize = 2, BiasRegularization = 0.03f };
        AutoTuneResult<BiasedMatrixFactorizationOptions> result =
            new AutoTuner(new AutoTuneOptions { Seed = 4, MaxTrialsPerSearch = 4 }).TuneBiased(Noisy.Value, start);

        result.Trials.Should().HaveCountLessThanOrEqualTo(8);
        result.Chosen.Epochs.Should().Be(result.Best.BestEpoch).And.BeInRange(1, 8);
        result.Chosen.FactorCount.Should().Be(4);
        result.Chosen.BiasRegularization.Should().Be(0.03f);
        result.Chosen.EarlyStoppingPatience.Should().Be(0);
        result.Trials.Min(t => t.ValidationRmse).Should().Be(result.Best.ValidationRmse);
    }

    [Fact]
    public void Too_little_data_is_a_typed_error_that_says_what_to_do()
    {
        RatingStore tiny = Models.TestRatings.LowRank(users: 10, items: 10, density: 0.5, seed: 1);
        Action tune = () => new AutoTuner().TuneExplicitAls(tiny, SmallAls);
        tune.Should().Throw<EmptyDataException>().WithMessage("*at least 200 training and 50 held-out*set the options by hand*");
    }

    [Fact]
    public void A_model_trained_with_the_choice_beats_the_start_on_unseen_ratings_of_noisy_data()
    {
        (RatingStore train, RatingStore test) = Models.TestRatings.Split(Noisy.Value, 0.2, seed: 7);
        ExplicitAlsOptions start = SmallAls with { Regularization = 0.005f, BiasRegularization = 0.005f };
        ExplicitAlsOptions chosen = new AutoTuner(new AutoTuneOptions { Seed = 3, MaxTrialsPerSearch = 5 }).TuneExplicitAls(train, start).Chosen;
        double Rmse(ExplicitAlsOptions o) => Models.TestRatings.Rmse(new ExplicitAlsTrainer(o).Fit(train), test);
        Rmse(chosen).Should().BeLessThan(Rmse(start) - 0.02);
    }
}
