using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data.Splits;

/// <summary>
/// Options of <see cref="RatingSplitter.PerUser"/> and <see cref="RatingSplitter.PerUserTemporal"/>:
/// each user with enough ratings holds some of them out (leave-k-out, or a fraction of each user's
/// ratings); the others stay wholly in the train set.
/// </summary>
public sealed record PerUserOptions : SplitOptions
{
    private readonly int _testCount = 1;
    private readonly double? _testFraction;
    private readonly int _minRatings = 2;

    /// <summary>
    /// Ratings each eligible user holds out (leave-k-out), at least 1. Default 1. Ignored when
    /// <see cref="TestFraction"/> is set.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int TestCount
    {
        get => _testCount;
        init => _testCount = OptionGuard.AtLeast(value, 1, nameof(TestCount));
    }

    /// <summary>
    /// When set, the fraction of each eligible user's ratings held out, in (0, 1): rounded, but
    /// at least one and always leaving one in the train set. Default null (use <see cref="TestCount"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 1).</exception>
    public double? TestFraction
    {
        get => _testFraction;
        init => _testFraction = value is double f ? OptionGuard.OpenFraction(f, nameof(TestFraction)) : null;
    }

    /// <summary>
    /// Users with fewer ratings than this stay wholly in the train set, at least 2. With
    /// <see cref="TestCount"/> it must also exceed <see cref="TestCount"/>, so every user keeps a
    /// train rating (checked when splitting). Default 2.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 2.</exception>
    public int MinRatings
    {
        get => _minRatings;
        init => _minRatings = OptionGuard.AtLeast(value, 2, nameof(MinRatings));
    }

    /// <summary>How many of a user's <paramref name="count"/> ratings go to the test set.</summary>
    internal int TestCountFor(int count)
    {
        if (count < MinRatings)
        {
            return 0;
        }

        if (TestFraction is double f)
        {
            return (int)Math.Clamp(Math.Round(f * count), 1, count - 1);
        }

        return TestCount;
    }

    /// <summary>Checks the rule that relates two options: with a fixed test count, <see cref="MinRatings"/> must exceed it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MinRatings"/> is at most <see cref="TestCount"/> and no fraction is set.</exception>
    internal void Validate()
    {
        if (TestFraction is null && MinRatings <= TestCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MinRatings),
                MinRatings,
                $"{nameof(MinRatings)} must be in [{nameof(TestCount)} + 1 = {TestCount + 1}, {int.MaxValue}] so every user keeps a train rating; got {MinRatings}.");
        }
    }
}
