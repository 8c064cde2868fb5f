using MatrixFactorization.Training;
using ScottPlot;

namespace MovieRecommendations.Plots;

/// <summary>Training loss and held-out RMSE of the biased model after every epoch.</summary>
internal static class LearningCurvePlot
{
    public static byte[] Draw(IReadOnlyList<EpochReport> reports)
    {
        double[] epochs = [.. reports.Select(r => (double)r.Epoch)];
        var plot = new Plot();
        var training = plot.Add.ScatterLine(epochs, [.. reports.Select(r => r.TrainingLoss)]);
        training.LegendText = "training RMSE (during each epoch)";
        training.LineWidth = 2;
        double[] validation = [.. reports.Select(r => r.ValidationScore ?? double.NaN)];
        var held = plot.Add.ScatterLine(epochs, validation);
        held.LegendText = "held-out RMSE (after each epoch)";
        held.LineWidth = 2;
        int best = Array.IndexOf(validation, validation.Min());
        var marker = plot.Add.Marker(epochs[best], validation[best], MarkerShape.FilledCircle, 8);
        marker.LegendText = $"lowest held-out RMSE {validation[best]:F4} (epoch {epochs[best]:0})";
        plot.Title("Biased matrix factorization on MovieLens: learning curve");
        plot.XLabel("epoch");
        plot.YLabel("RMSE (stars)");
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(900, 560, ImageFormat.Png);
    }
}
