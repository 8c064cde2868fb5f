namespace MatrixFactorization.Cli.Commands;

/// <summary>The split methods of <c>mf data split --method</c>.</summary>
internal enum SplitMethod
{
    /// <summary>Seeded random holdout by fraction.</summary>
    Holdout,

    /// <summary>One fold of a seeded k-fold partition.</summary>
    KFold,

    /// <summary>Per-user holdout: leave-k-out or a fraction of each user's ratings.</summary>
    PerUser,

    /// <summary>By time: a global cut-off, or each user's last ratings with --per-user.</summary>
    Temporal,
}
