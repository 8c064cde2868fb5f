using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data.Splits;

/// <summary>Options of <see cref="RatingSplitter.Holdout"/>: a uniformly random test set of a given size.</summary>
public sealed record HoldoutOptions : SplitOptions
{
    private readonly double _testFraction = 0.2;

    /// <summary>
    /// The fraction of ratings drawn into the test set, in (0, 1); the test set has exactly
    /// <c>round(TestFraction × Count)</c> ratings before cold-start handling. Default 0.2.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 1).</exception>
    public double TestFraction
    {
        get => _testFraction;
        init => _testFraction = OptionGuard.OpenFraction(value, nameof(TestFraction));
    }
}
