using System.CommandLine;
using MatrixFactorization.Cli.Files;
using MatrixFactorization.Cli.Plots;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Cli.Commands;

/// <summary>
/// <c>mf train --plot</c>: the learning curve as a picture. With <c>--test</c> the test file is
/// also the trainer's validation set, so each epoch is scored on it (RMSE for rating models, NDCG@10
/// for list models); without early stopping that changes nothing in the trained model.
/// </summary>
internal static class TrainPlot
{
    public static Option<string?> Option() => new("--plot")
    {
        Description = "Draw the training loss after every epoch, and the test metric after every epoch when --test is given, to this .png or .svg file.",
    };

    /// <summary>Refuses, before any work, a picture that cannot be written or a model without epochs to draw.</summary>
    /// <exception cref="UsageException">The extension is neither .png nor .svg, or the model trains in one pass.</exception>
    public static void Check(CommandFile plot, ModelChoice choice)
    {
        if (plot.Path is null)
        {
            return;
        }

        PictureFile.FormatOf(plot);
        if (ModelEpochs.Planned(choice, null) is null)
        {
            string name = choice.ToString().ToLowerInvariant();
            throw new UsageException($"--plot draws the loss after every epoch, but {name} trains in one pass with no epochs to draw; leave --plot out, or plot a model that trains in epochs (baseline, mf, biased, neural, als, bpr).");
        }
    }

    public static void Write(string path, ModelChoice choice, IScoringModel trained, IReadOnlyList<EpochReport> reports)
    {
        if (reports.Count == 0)
        {
            // Every model that Check lets through reports its epochs; this guards the picture, not the user.
            throw new InvalidOperationException("The training reported no epochs to draw.");
        }

        string name = choice.ToString().ToLowerInvariant();
        PictureFile.Save(LearningCurvePlot.Draw(name, trained is IRatingModel, reports), path, LearningCurvePlot.Width, LearningCurvePlot.Height);
    }
}
