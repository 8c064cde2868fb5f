using MatrixFactorization.Training;

namespace MovieRecommendations.MovieLens;

/// <summary>
/// Keeps every epoch's report and moves the model's line. Reports arrive on the training thread and
/// are handled at once: <see cref="Progress{T}"/> would post them to the thread pool, out of order.
/// </summary>
internal sealed class EpochRecorder(TrainingLine line) : IProgress<EpochReport>
{
    private readonly List<EpochReport> _reports = [];

    public IReadOnlyList<EpochReport> Reports => _reports;

    public void Report(EpochReport value)
    {
        _reports.Add(value);
        line.Advance(value.Epoch);
    }
}
