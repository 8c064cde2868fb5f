namespace MatrixFactorization.Data;

/// <summary>What <see cref="RatingStoreBuilder.Build(out BuildReport)"/> did with the ratings it was given.</summary>
/// <param name="RatingsAdded">Ratings given to the builder.</param>
/// <param name="RatingsKept">Ratings in the built store.</param>
/// <param name="DuplicatesResolved">Ratings merged away by the duplicate policy (added minus kept).</param>
/// <param name="DuplicatePairs">Distinct (user, item) pairs that had more than one rating.</param>
/// <param name="RatingsWithoutTimestamp">Ratings that came without a timestamp. When some but not all
/// ratings have one, the store keeps none, and this count says why.</param>
public sealed record BuildReport(
    long RatingsAdded,
    long RatingsKept,
    long DuplicatesResolved,
    long DuplicatePairs,
    long RatingsWithoutTimestamp);
