using System.Globalization;
using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;

namespace MatrixFactorization.Cli.Progress;

/// <summary>
/// A search on one bar: the fold being trained as candidate i of N and fold j of F, and the best
/// candidate so far by the objective. The search calls the fit once per fold, candidate after
/// candidate, so counting the calls tells which candidate and fold are under way.
/// </summary>
internal sealed class SearchProgress
{
    private readonly ProgressBar _bar;
    private readonly int _candidates;
    private readonly int _folds;
    private readonly string _objective;
    private readonly bool _lowerIsBetter;
    private int _fits;
    private int _trials;
    private (double Objective, string Description)? _best;

    private SearchProgress(ProgressBar bar, int candidates, int folds, string objective, bool lowerIsBetter)
    {
        _bar = bar;
        _candidates = candidates;
        _folds = folds;
        _objective = objective;
        _lowerIsBetter = lowerIsBetter;
    }

    /// <summary>Progress of <paramref name="candidates"/> candidates of <paramref name="folds"/> folds each, or null when nothing is shown.</summary>
    /// <param name="display">The command's progress.</param>
    /// <param name="candidates">The candidates to cross-validate.</param>
    /// <param name="folds">The fits per candidate (folds × repeats).</param>
    /// <param name="objective">The objective's name as the output prints it, such as <c>ndcg@10</c>.</param>
    /// <param name="lowerIsBetter">Whether the objective is an error.</param>
    public static SearchProgress? Start(CommandProgress display, int candidates, int folds, string objective, bool lowerIsBetter) =>
        display.Begin("search", (double)candidates * folds) is ProgressBar bar
            ? new SearchProgress(bar, candidates, folds, objective, lowerIsBetter)
            : null;

    /// <summary>The fit with each call shown as the next fold of the current candidate.</summary>
    public Func<TOptions, RatingStore, IScoringModel> Around<TOptions>(Func<TOptions, RatingStore, IScoringModel> fit) => (options, store) =>
    {
        int done = _fits++;
        _bar.Update(done, string.Create(CultureInfo.InvariantCulture, $"candidate {(done / _folds) + 1}/{_candidates}, fold {(done % _folds) + 1}/{_folds}{Best()}"));
        return fit(options, store);
    };

    /// <summary>Takes each finished candidate, to keep the best so far.</summary>
    public IProgress<SearchTrial<TOptions>> Trials<TOptions>() => new TrialSink<TOptions>(this);

    /// <summary>Ends the bar with the best candidate.</summary>
    public void Complete() => _bar.Complete(string.Create(
        CultureInfo.InvariantCulture, $"{_trials} {(_trials == 1 ? "candidate" : "candidates")} × {_folds} {(_folds == 1 ? "fold" : "folds")}{Best()}"));

    private string Best() => _best is (double objective, string description)
        ? string.Create(CultureInfo.InvariantCulture, $", best {_objective} {objective:F4} ({(description.Length == 0 ? "the defaults" : description)})")
        : string.Empty;

    private void Finished(double objective, string description)
    {
        _trials++;
        // A candidate whose folds gave no number (a diverged fit) is never the best.
        if (double.IsFinite(objective) && (_best is not (double best, _) || (_lowerIsBetter ? objective < best : objective > best)))
        {
            _best = (objective, description);
        }

        _bar.Update(_fits, string.Create(CultureInfo.InvariantCulture, $"candidate {_trials}/{_candidates} done{Best()}"));
    }

    private sealed class TrialSink<TOptions>(SearchProgress owner) : IProgress<SearchTrial<TOptions>>
    {
        public void Report(SearchTrial<TOptions> value) => owner.Finished(value.Objective, value.Candidate.ToString());
    }
}
