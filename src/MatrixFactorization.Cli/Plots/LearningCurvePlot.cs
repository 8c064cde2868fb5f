using System.Globalization;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Training;
using ScottPlot;

namespace MatrixFactorization.Cli.Plots;

/// <summary>
/// The training loss after every epoch and, when the run had a test set, the test metric after
/// every epoch with its best epoch marked. A rating model's loss and test RMSE share one axis (both
/// in rating units); a list model's test NDCG has an axis of its own on the right.
/// </summary>
internal static class LearningCurvePlot
{
    public const int Width = 900;

    public const int Height = 560;

    /// <param name="model">The model's name as the command line gives it.</param>
    /// <param name="ratingModel">Whether the model predicts ratings (its training loss is an RMSE).</param>
    /// <param name="reports">The epochs, at least one.</param>
    public static Plot Draw(string model, bool ratingModel, IReadOnlyList<EpochReport> reports)
    {
        double[] epochs = [.. reports.Select(r => (double)r.Epoch)];
        var plot = new Plot();
        var training = plot.Add.ScatterLine(epochs, [.. reports.Select(r => r.TrainingLoss)]);
        training.LegendText = ratingModel ? "training RMSE" : "training loss";
        training.LineWidth = 2;
        training.MarkerSize = reports.Count <= 30 ? 5 : 0;

        if (reports.Any(r => r.ValidationScore is not null))
        {
            AddValidation(plot, ratingModel, reports, epochs);
        }

        plot.Title($"{model}: learning curve over {reports.Count} {(reports.Count == 1 ? "epoch" : "epochs")}");
        plot.XLabel("epoch");
        plot.YLabel(ratingModel ? "RMSE (rating units)" : "training loss (the model's objective)");
        if (ratingModel)
        {
            plot.ShowLegend(Alignment.UpperRight);
        }
        else
        {
            // A falling loss and a rising ranking metric leave no empty corner: the legend goes below.
            plot.ShowLegend(Edge.Bottom);
        }

        return plot;
    }

    private static void AddValidation(Plot plot, bool ratingModel, IReadOnlyList<EpochReport> reports, double[] epochs)
    {
        Metric metric = reports.First(r => r.ValidationScore is not null).ValidationMetric;
        string name = metric == Metric.Ndcg ? "NDCG@10" : metric.ToString().ToUpperInvariant();
        double[] scores = [.. reports.Select(r => r.ValidationScore ?? double.NaN)];
        var test = plot.Add.ScatterLine(epochs, scores);
        test.LegendText = $"test {name}";
        test.LineWidth = 2;
        test.MarkerSize = reports.Count <= 30 ? 5 : 0;

        bool lowerIsBetter = metric is Metric.Rmse or Metric.Mae;
        int best = -1;
        for (int i = 0; i < scores.Length; i++)
        {
            if (double.IsFinite(scores[i]) && (best < 0 || (lowerIsBetter ? scores[i] < scores[best] : scores[i] > scores[best])))
            {
                best = i;
            }
        }

        var marker = plot.Add.Marker(epochs[best], scores[best], MarkerShape.FilledCircle, 9);
        marker.LegendText = string.Create(CultureInfo.InvariantCulture, $"best test {name} {scores[best]:F4} (epoch {epochs[best]:0})");
        if (!ratingModel)
        {
            // The loss and a ranking metric are on unrelated scales: each gets its own axis.
            test.Axes.YAxis = plot.Axes.Right;
            marker.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = $"test {name} (higher is better)";
        }
    }
}
