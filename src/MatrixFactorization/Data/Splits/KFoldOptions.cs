using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data.Splits;

/// <summary>Options of <see cref="RatingSplitter.KFold"/>: a random partition of the ratings into folds.</summary>
public sealed record KFoldOptions : SplitOptions
{
    private readonly int _folds = 5;

    /// <summary>The number of folds, at least 2. Default 5.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 2.</exception>
    public int Folds
    {
        get => _folds;
        init => _folds = OptionGuard.AtLeast(value, 2, nameof(Folds));
    }
}
