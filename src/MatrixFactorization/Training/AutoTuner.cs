using MatrixFactorization.Data;

namespace MatrixFactorization.Training;

/// <summary>
/// Chooses a rating model's regularization (and, for SGD, its learning rate and epochs) from the
/// training data alone: a seeded sample of whole users is split into a part to train on and a held-out
/// part, short line searches on a geometric grid train candidates on the first and score them by
/// RMSE on the second with early stopping, and the best candidate's options are returned for a
/// training run on the full data. Nothing but the training store is read, and the same seed, data
/// and base options give the same trials and choice.
/// </summary>
/// <remarks>
/// Cost: each trial is one training run on the sample with early stopping, at most
/// <see cref="AutoTuneOptions.MaxTrialsPerSearch"/> trials per searched setting (two settings for
/// either model). With the default cap of 2,000,000 sample ratings a search on 18 million ratings
/// costs about as much as one to two full training runs; on data under the cap each trial is a full
/// run on 90% of it. The method and its measurements: docs/auto.md.
/// </remarks>
/// <param name="options">The sample and search bounds; the defaults when null.</param>
public sealed class AutoTuner(AutoTuneOptions? options = null)
{
    /// <summary>The step between neighbouring grid values of a searched setting.</summary>
    private const double GridFactor = 2;

    /// <summary>The sample and search bounds.</summary>
    public AutoTuneOptions Options { get; } = options ?? new AutoTuneOptions();

    /// <summary>
    /// Tunes explicit ALS: λ by a line search with the penalties weighted by rating count, then λ
    /// with them unweighted, starting from the weighted optimum times the median user's rating count
    /// (the two penalties agree for such a user); the lower validation RMSE decides the weighting.
    /// λ_b keeps its ratio to λ from the base options; k, the epochs and the rest are kept.
    /// </summary>
    /// <param name="train">The training ratings.</param>
    /// <param name="baseOptions">The options to start from (the defaults when null); its λ starts the weighted search.</param>
    /// <param name="progress">Told each trial as it ends.</param>
    /// <param name="cancellationToken">Stops the search between epochs.</param>
    /// <returns>The choice, every trial and the sample's size.</returns>
    /// <exception cref="EmptyDataException">The sample has too few ratings to train on and score.</exception>
    public AutoTuneResult<ExplicitAlsOptions> TuneExplicitAls(
        RatingStore train, ExplicitAlsOptions? baseOptions = null, IProgress<AutoTuneTrial>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ExplicitAlsOptions start = (baseOptions ?? new ExplicitAlsOptions()) with { EarlyStoppingPatience = Options.Patience };
        TuningSample sample = TuningSample.Draw(train, Options);
        var trials = new List<AutoTuneTrial>();
        float biasRatio = start.BiasRegularization / start.Regularization;
        ExplicitAlsOptions With(double lambda, bool weighted) => start with
        {
            Regularization = (float)lambda,
            BiasRegularization = (float)(lambda * biasRatio),
            WeightedRegularization = weighted,
        };
        double Score(ExplicitAlsOptions o) => Run(o, sample, trials, progress, (t, v, p) => new ExplicitAlsTrainer(o).Fit(t, v, p, cancellationToken));

        double weighted = LogLineSearch.Minimize(start.Regularization, GridFactor, Options.MaxTrialsPerSearch, 1e-4, 1e3, l => Score(With(l, true)));
        double unweightedStart = weighted * Math.Max(1, MedianUserCount(sample.Fit));
        LogLineSearch.Minimize(unweightedStart, GridFactor, Options.MaxTrialsPerSearch, 1e-3, 1e5, l => Score(With(l, false)));

        AutoTuneTrial best = Best(trials);
        var chosen = (ExplicitAlsOptions)best.Options with { EarlyStoppingPatience = baseOptions?.EarlyStoppingPatience ?? 0 };
        return new AutoTuneResult<ExplicitAlsOptions>(chosen, best, trials, sample.Users, sample.Fit.Count, sample.Validation.Count);
    }

    /// <summary>
    /// Tunes biased SGD (or AdaGrad, as the base options say): the learning rate by a line search at
    /// the base λ, then λ at that rate; the epochs are those at which the best trial's validation
    /// RMSE was lowest. The base options' epochs cap every trial; k, λ_b and the rest are kept.
    /// </summary>
    /// <param name="train">The training ratings.</param>
    /// <param name="baseOptions">The options to start from (the defaults when null).</param>
    /// <param name="progress">Told each trial as it ends.</param>
    /// <param name="cancellationToken">Stops the search between epochs.</param>
    /// <returns>The choice, every trial and the sample's size.</returns>
    /// <exception cref="EmptyDataException">The sample has too few ratings to train on and score.</exception>
    public AutoTuneResult<BiasedMatrixFactorizationOptions> TuneBiased(
        RatingStore train, BiasedMatrixFactorizationOptions? baseOptions = null, IProgress<AutoTuneTrial>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        BiasedMatrixFactorizationOptions start = (baseOptions ?? new BiasedMatrixFactorizationOptions()) with { EarlyStoppingPatience = Options.Patience };
        TuningSample sample = TuningSample.Draw(train, Options);
        var trials = new List<AutoTuneTrial>();
        double Score(BiasedMatrixFactorizationOptions o) => Run(o, sample, trials, progress, (t, v, p) => new BiasedMatrixFactorizationTrainer(o).Fit(t, v, p, cancellationToken));

        double rate = LogLineSearch.Minimize(start.LearningRate, GridFactor, Options.MaxTrialsPerSearch, 1e-5, 1, r => Score(start with { LearningRate = (float)r }));
        BiasedMatrixFactorizationOptions atRate = start with { LearningRate = (float)rate };
        LogLineSearch.Minimize(start.FactorRegularization, GridFactor, Options.MaxTrialsPerSearch, 1e-4, 10, l => Score(atRate with { FactorRegularization = (float)l }));

        AutoTuneTrial best = Best(trials);
        var chosen = (BiasedMatrixFactorizationOptions)best.Options with
        {
            Epochs = best.BestEpoch,
            EarlyStoppingPatience = baseOptions?.EarlyStoppingPatience ?? 0,
        };
        return new AutoTuneResult<BiasedMatrixFactorizationOptions>(chosen, best, trials, sample.Users, sample.Fit.Count, sample.Validation.Count);
    }

    /// <summary>The median rating count of the users with any ratings.</summary>
    internal static int MedianUserCount(RatingStore store)
    {
        ReadOnlySpan<int> offsets = store.UserOffsets;
        var counts = new List<int>();
        for (int u = 0; u < store.UserCount; u++)
        {
            if (offsets[u + 1] > offsets[u])
            {
                counts.Add(offsets[u + 1] - offsets[u]);
            }
        }

        counts.Sort();
        return counts.Count == 0 ? 0 : counts[counts.Count / 2];
    }

    // One trial: trains on the sample's fit part, scored per epoch on its held-out part; a diverged
    // run scores infinity so the search steps away from it.
    private static double Run(
        TrainerOptions options,
        TuningSample sample,
        List<AutoTuneTrial> trials,
        IProgress<AutoTuneTrial>? progress,
        Action<RatingStore, RatingStore, IProgress<EpochReport>> fit)
    {
        var epochs = new EpochScores();
        AutoTuneTrial trial;
        try
        {
            fit(sample.Fit, sample.Validation, epochs);
            trial = new AutoTuneTrial(options, epochs.Best, epochs.BestEpoch);
        }
        catch (TrainingDivergedException)
        {
            trial = new AutoTuneTrial(options, double.PositiveInfinity, 0);
        }

        trials.Add(trial);
        progress?.Report(trial);
        return trial.ValidationRmse;
    }

    // The first trial with the lowest RMSE, so ties keep the order the searches ran in.
    private static AutoTuneTrial Best(List<AutoTuneTrial> trials)
    {
        AutoTuneTrial best = trials[0];
        foreach (AutoTuneTrial t in trials)
        {
            if (t.ValidationRmse < best.ValidationRmse)
            {
                best = t;
            }
        }

        return best;
    }

    /// <summary>The lowest validation score of a run and its epoch; reports come from the training thread.</summary>
    private sealed class EpochScores : IProgress<EpochReport>
    {
        public double Best { get; private set; } = double.PositiveInfinity;

        public int BestEpoch { get; private set; }

        public void Report(EpochReport value)
        {
            if (value.ValidationScore is double score && score < Best)
            {
                Best = score;
                BestEpoch = value.Epoch;
            }
        }
    }
}
