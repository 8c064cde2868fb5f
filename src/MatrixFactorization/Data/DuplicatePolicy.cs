namespace MatrixFactorization.Data;

/// <summary>What to do when the same (user, item) pair is rated more than once.</summary>
public enum DuplicatePolicy
{
    /// <summary>Stop with a <see cref="DuplicateRatingException"/> naming both records (the default).</summary>
    Error,

    /// <summary>Keep the rating that came last.</summary>
    KeepLast,

    /// <summary>Keep the rating that came first.</summary>
    KeepFirst,

    /// <summary>Keep the mean of all the ratings of the pair (and the latest timestamp).</summary>
    Average,
}
