namespace MatrixFactorization.Evaluation;

/// <summary>How to cross-validate.</summary>
public sealed record CrossValidationOptions
{
    /// <summary>Folds per repetition, at least 2. Default 5.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Repetitions, each with a fresh random partition. Default 1.</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>Seed of the partitions; repetition r uses Seed + r. The same seed gives the same folds.</summary>
    public ulong Seed { get; init; }

    /// <summary>Also compute ranking metrics with these options; null for rating errors only (faster).</summary>
    public RankingOptions? Ranking { get; init; }

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Folds below 2 or repeats below 1.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Folds, 2, nameof(Folds));
        ArgumentOutOfRangeException.ThrowIfLessThan(Repeats, 1, nameof(Repeats));
        Ranking?.Validate();
    }
}
