using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Cli.Commands;

/// <summary>
/// The list models the CLI trains: their settings from the command line and how they are fitted.
/// Popularity and EASE learn from the interactions the policy makes; implicit ALS takes the ratings
/// and BPR take the ratings as they are and apply their own threshold (their <c>--min-rating</c>);
/// ALS sets each kept interaction's confidence from its rating.
/// </summary>
internal static class ListModels
{
    public static bool Includes(ModelChoice choice) => choice is ModelChoice.Popularity or ModelChoice.Ease or ModelChoice.Als or ModelChoice.Bpr;

    /// <summary>The command-line values a list model may use; null means the model's default.</summary>
    public sealed record Settings(int? Factors, int? Epochs, float? Regularization, float? Alpha, float? MinRating, int? Threads, ulong? Seed, double? HalfLifeDays)
    {
        /// <summary>BPR's SGD step.</summary>
        public float? LearningRate { get; init; }

        /// <summary>BPR's blocks per side of the user × item grid.</summary>
        public int? GridSize { get; init; }
    }

    /// <summary>Whether the model turns ratings into interactions itself (so the CLI's policy must not).</summary>
    public static bool OwnsPolicy(ModelChoice choice) => choice is ModelChoice.Als or ModelChoice.Bpr;

    /// <summary>
    /// The policy when the command line names none: EASE weighs each interaction by its rating
    /// (its cross-validated default; a policy of ones would make it binary), popularity counts
    /// every rating.
    /// </summary>
    public static InteractionPolicy DefaultPolicy(ModelChoice choice) =>
        choice == ModelChoice.Ease ? InteractionPolicy.RatingAsWeight : InteractionPolicy.EveryRating;

    public static Func<RatingStore, IProgress<EpochReport>?, IScoringModel> Trainer(ModelChoice choice, Settings s, RatingStore? validation = null) => Options(choice, s) switch
    {
        PopularityOptions o => (store, progress) => new PopularityTrainer(o).Fit(store, validation, progress),
        EaseOptions o => (store, progress) => new EaseTrainer(o).Fit(store, validation, progress),
        ImplicitAlsOptions o => (store, progress) => new ImplicitAlsTrainer(o).Fit(store, validation, progress),
        BprOptions o => (store, progress) => new BprTrainer(o).Fit(store, validation, progress),
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "Not a list model."),
    };

    /// <summary>The trainer options a list model is trained with, from its defaults and the command line.</summary>
    public static TrainerOptions Options(ModelChoice choice, Settings s) => choice switch
    {
        ModelChoice.Popularity => Popularity(s),
        ModelChoice.Ease => Ease(s),
        ModelChoice.Als => Als(s),
        ModelChoice.Bpr => Bpr(s),
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "Not a list model."),
    };

    public static PopularityOptions Popularity(Settings s) =>
        new() { HalfLife = s.HalfLifeDays is double days ? TimeSpan.FromDays(days) : null };

    /// <summary>EASE's options; its penalty λ is the command line's regularization.</summary>
    public static EaseOptions Ease(Settings s)
    {
        var defaults = new EaseOptions();
        return defaults with { Lambda = s.Regularization ?? defaults.Lambda, Threads = s.Threads ?? defaults.Threads };
    }

    public static ImplicitAlsOptions Als(Settings s)
    {
        var defaults = new ImplicitAlsOptions();
        return defaults with
        {
            FactorCount = s.Factors ?? defaults.FactorCount,
            Epochs = s.Epochs ?? defaults.Epochs,
            Regularization = s.Regularization ?? defaults.Regularization,
            Alpha = s.Alpha ?? defaults.Alpha,
            InteractionThreshold = s.MinRating ?? defaults.InteractionThreshold,
            Threads = s.Threads ?? defaults.Threads,
            Seed = s.Seed ?? defaults.Seed,
        };
    }

    public static BprOptions Bpr(Settings s)
    {
        var defaults = new BprOptions();
        return defaults with
        {
            FactorCount = s.Factors ?? defaults.FactorCount,
            Epochs = s.Epochs ?? defaults.Epochs,
            Regularization = s.Regularization ?? defaults.Regularization,
            LearningRate = s.LearningRate ?? defaults.LearningRate,
            MinimumRating = s.MinRating ?? defaults.MinimumRating,
            Threads = s.Threads ?? defaults.Threads,
            Seed = s.Seed ?? defaults.Seed,
            GridSize = s.GridSize ?? defaults.GridSize,
        };
    }
}
