using MatrixFactorization.Cli.Progress;
using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;

namespace MatrixFactorization.Cli.Commands;

/// <summary>
/// One model's candidates and trainer behind a face that does not name the options type, so
/// <c>mf search</c> runs and prints every model alike. The candidates are made at once, so an
/// axis value out of range fails before any data is read.
/// </summary>
internal sealed class SearchPlan
{
    private readonly Func<RatingStore, Metric, CrossValidationOptions, SearchProgress?, IReadOnlyList<RankedCandidate>> _run;

    private SearchPlan(int candidates, Func<RatingStore, Metric, CrossValidationOptions, SearchProgress?, IReadOnlyList<RankedCandidate>> run)
    {
        Candidates = candidates;
        _run = run;
    }

    public int Candidates { get; }

    /// <summary>The whole grid, or <paramref name="random"/> combinations drawn with <paramref name="seed"/>.</summary>
    public static SearchPlan Of<TOptions>(SearchSpace<TOptions> space, Func<TOptions, RatingStore, IScoringModel> fit, int? random, int seed)
    {
        IReadOnlyList<SearchCandidate<TOptions>> candidates = random is int count ? space.Random(count, seed) : space.Grid();
        return new SearchPlan(candidates.Count, (data, objective, cv, progress) =>
        {
            SearchResult<TOptions> result = HyperparameterSearch.Run(
                data, candidates, progress?.Around(fit) ?? fit, objective, cv, progress?.Trials<TOptions>());
            return [.. result.Trials.Select(t => new RankedCandidate(
                t.Candidate.ToString(), t.Candidate.Settings, t.Objective, t.ObjectiveStandardDeviation, t.CrossValidation))];
        });
    }

    /// <summary>Cross-validates every candidate on the same folds; best first.</summary>
    public IReadOnlyList<RankedCandidate> Run(RatingStore data, Metric objective, CrossValidationOptions cv, SearchProgress? progress = null) =>
        _run(data, objective, cv, progress);
}
