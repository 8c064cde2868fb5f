using System.CommandLine;
using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;
using MatrixFactorization.Training;

namespace MatrixFactorization.Cli.Commands;

/// <summary>
/// What <c>mf train --save</c> stores beside the model: the trainer's options, a summary of the
/// run, and (unless <c>--no-seen-items</c>) each user's training items, so <c>mf recommend</c> can
/// leave them out and refit with the same λ without the ratings file.
/// </summary>
internal static class SavedModelContents
{
    public static Option<bool> NoSeenItemsOption() => new("--no-seen-items")
    {
        Description = "Leave each user's training items out of the saved file (smaller; 'mf recommend' then needs --ratings to skip them).",
    };

    public static ModelFileContents Create(
        IScoringModel model,
        TrainerOptions options,
        InteractionSet? interactions,
        RatingStore train,
        IReadOnlyList<EpochReport> epochs,
        RatingAccuracy? test,
        RankingAccuracy? ranking,
        bool seenItems)
    {
        List<ModelSetting> settings = [.. Settings(options)];
        if (interactions is not null)
        {
            settings.Add(new ModelSetting("InteractionPolicy", interactions.Policy.ToString()));
        }

        RatingStore trainedOn = interactions?.Store ?? train;
        (double? score, string? metric) = (test, ranking) switch
        {
            (RatingAccuracy t, _) => (t.Rmse, "test rmse"),
            (_, RankingAccuracy r) => (r.Ndcg, $"test ndcg@{r.K}"),
            _ => ((double?)null, (string?)null),
        };
        return new ModelFileContents
        {
            TrainingOptions = settings,
            TrainingSummary = new TrainingSummary(trainedOn.Count, trainedOn.Statistics.UsersWithRatings, trainedOn.Statistics.ItemsWithRatings, epochs.Count)
            {
                FinalTrainingLoss = epochs.Count > 0 && double.IsFinite(epochs[^1].TrainingLoss) ? epochs[^1].TrainingLoss : null,
                ValidationScore = score is double v && double.IsFinite(v) ? v : null,
                ValidationMetric = score is double w && double.IsFinite(w) ? metric : null,
            },

            // Everything the user rated counts as seen, also ratings a list model's policy left out.
            SeenItems = seenItems ? SeenItems.FromRatings(train, model.Users, model.Items) : null,
        };
    }

    /// <summary>The options' properties, listed through their concrete type so every one is seen.</summary>
    private static IReadOnlyList<ModelSetting> Settings(TrainerOptions options) => options switch
    {
        BiasedMatrixFactorizationOptions o => ModelSetting.FromProperties(o),
        MatrixFactorizationOptions o => ModelSetting.FromProperties(o),
        NeuralOptions o => ModelSetting.FromProperties(o),
        BaselineOptions o => ModelSetting.FromProperties(o),
        PopularityOptions o => ModelSetting.FromProperties(o),
        EaseOptions o => ModelSetting.FromProperties(o),
        ImplicitAlsOptions o => ModelSetting.FromProperties(o),
        BprOptions o => ModelSetting.FromProperties(o),
        ExplicitAlsOptions o => ModelSetting.FromProperties(o),
        SvdPlusPlusOptions o => ModelSetting.FromProperties(o),
        _ => ModelSetting.FromProperties(options),
    };
}
