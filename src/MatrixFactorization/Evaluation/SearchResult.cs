namespace MatrixFactorization.Evaluation;

/// <summary>The candidates of a search ranked by their objective, best first.</summary>
/// <typeparam name="TOptions">The trainer's options type.</typeparam>
/// <param name="Objective">The metric that ranked them.</param>
/// <param name="Trials">Every candidate, best first; ties keep the order the candidates were given in.</param>
public sealed record SearchResult<TOptions>(Metric Objective, IReadOnlyList<SearchTrial<TOptions>> Trials)
{
    /// <summary>The best trial.</summary>
    public SearchTrial<TOptions> Best => Trials[0];

    /// <summary>The options of the best trial.</summary>
    public TOptions BestOptions => Best.Candidate.Options;
}
