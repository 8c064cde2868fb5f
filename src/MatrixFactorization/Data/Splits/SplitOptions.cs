using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data.Splits;

/// <summary>What every split shares: the seed of its random choices and the cold-start policy.</summary>
/// <remarks>
/// Splits draw from their own xoshiro256** generator, so the same store, options and seed give
/// the identical split on every machine and .NET version.
/// </remarks>
public abstract record SplitOptions
{
    private readonly ColdStartPolicy _coldStart = ColdStartPolicy.Drop;

    /// <summary>The seed of the split's random choices (including how timestamp ties are broken).</summary>
    public ulong Seed { get; init; }

    /// <summary>What to do with test ratings whose user or item is absent from the train set.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined policy.</exception>
    public ColdStartPolicy ColdStart
    {
        get => _coldStart;
        init => _coldStart = OptionGuard.Defined(value, nameof(ColdStart));
    }
}
