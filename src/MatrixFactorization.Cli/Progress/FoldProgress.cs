using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Cli.Progress;

/// <summary>
/// The folds of a cross-validation on a bar, and the epochs of the fold in training on a bar of
/// their own: the trainer of every fold reports to this one sink, which passes the reports on to
/// the current fold's bar.
/// </summary>
internal sealed class FoldProgress : IProgress<EpochReport>
{
    private readonly CommandProgress _display;
    private readonly int _total;
    private readonly int? _epochs;
    private ProgressBar? _folds;
    private EpochProgress? _current;
    private int _started;

    private FoldProgress(CommandProgress display, int total, int? epochs)
    {
        _display = display;
        _total = total;
        _epochs = epochs;
    }

    /// <summary>Progress of <paramref name="folds"/> folds of up to <paramref name="epochs"/> epochs
    /// (when known), or null when nothing is shown. Its bar begins with the first fold.</summary>
    public static FoldProgress? Start(CommandProgress display, int folds, int? epochs) =>
        display.Shows ? new FoldProgress(display, folds, epochs) : null;

    /// <summary>The fit with each call shown as the next fold.</summary>
    public Func<RatingStore, IScoringModel> Around(Func<RatingStore, IScoringModel> fit) => store =>
    {
        int fold = ++_started;
        _current?.Bar.Close();
        _folds ??= _display.Begin("cv", _total)!;
        _folds.Update(fold - 1, $"fold {fold}/{_total}");
        _current = _display.Epochs($"fold {fold}/{_total}", _epochs, transient: true);
        IScoringModel model = fit(store);
        _current?.Bar.Close();
        _folds.Update(fold, $"fold {fold}/{_total} trained, measuring");
        return model;
    };

    public void Report(EpochReport value) => _current?.Report(value);

    /// <summary>Ends the bar once every fold is measured.</summary>
    public void Complete() => _folds?.Complete($"{_total} folds");
}
