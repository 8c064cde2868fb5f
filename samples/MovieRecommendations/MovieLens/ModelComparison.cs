using System.Diagnostics;
using MatrixFactorization.Data;
using MatrixFactorization.Data.Splits;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Training;
using Spectre.Console;

namespace MovieRecommendations.MovieLens;

/// <summary>
/// Trains each model on the training part of a seeded holdout split, under a progress bar, and
/// scores it on the held-out part: rating error where the model predicts ratings, top-10 quality
/// for all. Then trains the two models the rest of the tour uses on every rating.
/// </summary>
internal static class ModelComparison
{
    public static readonly BiasedMatrixFactorizationOptions BiasedOptions = new();

    private static readonly EaseOptions EaseSettings = new();

    public static ComparisonResult Run(IAnsiConsole console, RatingStore all, RatingSplit split)
    {
        Candidate[] candidates =
        [
            Candidate.Of("Biased MF", BiasedOptions, new BiasedMatrixFactorizationTrainer(BiasedOptions), drawsCurve: true),
            Candidate.Of("Baseline (biases only)", new BaselineOptions(), new BaselineTrainer()),
            Candidate.Of("EASE", EaseSettings, new EaseTrainer(EaseSettings)),
            Candidate.Of("Implicit ALS", new ImplicitAlsOptions(), new ImplicitAlsTrainer()),
            Candidate.Of("BPR", new BprOptions(), new BprTrainer()),
            Candidate.Of("Popularity", new PopularityOptions(), new PopularityTrainer()),
        ];

        var rows = new List<ModelRow>();
        IReadOnlyList<EpochReport> curve = [];
        BiasedMatrixFactorizationModel? biased = null;
        EaseModel? ease = null;
        console.MarkupLine("Training each model on the 80% and scoring it on the held-out 20%, then the two used below on every rating:");
        TrainingBoard.Run(console, board =>
        {
            foreach (Candidate candidate in candidates)
            {
                (ModelRow row, IReadOnlyList<EpochReport> reports) = Evaluate(board, candidate, split);
                rows.Add(row);
                curve = candidate.DrawsCurve ? reports : curve;
            }

            biased = (BiasedMatrixFactorizationModel)Train(board, candidates[0], all, "Biased MF on all ratings");
            ease = (EaseModel)Train(board, candidates[2], all, "EASE on all ratings");
        });
        console.WriteLine();
        return new ComparisonResult(rows, curve, biased!, ease!);
    }

    private static (ModelRow Row, IReadOnlyList<EpochReport> Reports) Evaluate(TrainingBoard board, Candidate candidate, RatingSplit split)
    {
        // One step per epoch and one for the evaluation.
        TrainingLine line = board.Add(candidate.Name, candidate.Epochs + 1);
        var recorder = new EpochRecorder(line);
        var clock = Stopwatch.StartNew();
        // The held-out ratings score each epoch for the learning curve only: nothing is chosen by
        // them (no early stopping), so the table's figures stay honest held-out figures.
        IScoringModel model = candidate.Fit(split.Train, candidate.DrawsCurve ? split.Test : null, recorder);
        TimeSpan fitTime = clock.Elapsed;
        line.Advance(candidate.Epochs);
        RatingAccuracy? accuracy = model is IRatingModel rating ? RatingMetrics.Evaluate(rating, split.Test) : null;
        int floor = ItemFloor.For(model, split.Train);
        RankingAccuracy ranking = RankingMetrics.Evaluate(new Recommender(model, split.Train, floor), split.Test);
        line.Finish($"trained in {fitTime.TotalSeconds:F2} s, evaluated in {(clock.Elapsed - fitTime).TotalSeconds:F2} s");
        return (new ModelRow(candidate.Name, accuracy, ranking, fitTime, floor), recorder.Reports);
    }

    private static IScoringModel Train(TrainingBoard board, Candidate candidate, RatingStore all, string label)
    {
        TrainingLine line = board.Add(label, candidate.Epochs);
        var clock = Stopwatch.StartNew();
        IScoringModel model = candidate.Fit(all, null, new EpochRecorder(line));
        line.Finish($"trained in {clock.Elapsed.TotalSeconds:F2} s");
        return model;
    }
}
