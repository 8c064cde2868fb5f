using System.Globalization;
using MatrixFactorization.Training;

namespace MatrixFactorization.Cli.Progress;

/// <summary>A trainer's epochs on a bar: epoch i of N, the training loss and the validation score when there is one.</summary>
internal sealed class EpochProgress(ProgressBar bar) : IProgress<EpochReport>
{
    public ProgressBar Bar => bar;

    public void Report(EpochReport value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string of = bar.Total is double total ? string.Create(CultureInfo.InvariantCulture, $"/{Math.Max(total, value.Epoch):F0}") : string.Empty;
        string validation = value.ValidationScore is double score
            ? string.Create(CultureInfo.InvariantCulture, $", validation {value.ValidationMetric.ToString().ToLowerInvariant()} {score:F4}")
            : string.Empty;
        bar.Update(value.Epoch, string.Create(CultureInfo.InvariantCulture, $"epoch {value.Epoch}{of}, training loss {value.TrainingLoss:F4}{validation}"));
    }
}
