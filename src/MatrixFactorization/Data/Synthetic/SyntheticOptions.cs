using System.Globalization;
using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data.Synthetic;

/// <summary>
/// The shape and the planted model of a synthetic rating set: how many users, items and ratings,
/// the model's means and spreads, how skewed popularity is, and the seed that fixes it all.
/// </summary>
/// <remarks>
/// A rating of user u for item i is <c>GlobalMean + b_u + b_i + p_u · q_i + ε</c>, with biases,
/// factors and noise ε drawn from zero-mean Gaussians of the given standard deviations, optionally
/// rounded to half stars and clipped to [0.5, 5]. Invalid values throw
/// <see cref="ArgumentOutOfRangeException"/> naming the option and its allowed range when they are
/// set; the rules that relate two options (<see cref="Ratings"/> fits in <c>Users × Items</c>, the
/// factors fit in an array, the shape is within <see cref="MaxUsers"/>, <see cref="MaxItems"/> and
/// <see cref="MaxRatings"/>) are checked by <see cref="SyntheticRatingGenerator"/> before anything
/// is drawn or written.
/// </remarks>
public sealed record SyntheticOptions
{
    /// <summary>The default of <see cref="MaxUsers"/> and <see cref="MaxItems"/>: 10,000,000.</summary>
    internal const int DefaultMaxUsersOrItems = 10_000_000;

    /// <summary>The default of <see cref="MaxRatings"/>: 100,000,000 (about 2 GB of LIBMF text).</summary>
    internal const long DefaultMaxRatings = 100_000_000;

    private readonly int _users = 1_000;
    private readonly int _items = 1_000;
    private readonly long _ratings = 50_000;
    private readonly int _rank = 8;
    private readonly double _globalMean = 3.5;
    private readonly double _userBiasSd = 0.3;
    private readonly double _itemBiasSd = 0.4;
    private readonly double _factorSd = 0.35;
    private readonly double _noiseSd = 0.5;
    private readonly double _userPopularityExponent = 0.8;
    private readonly double _itemPopularityExponent = 1.0;
    private readonly int _maxUsers = DefaultMaxUsersOrItems;
    private readonly int _maxItems = DefaultMaxUsersOrItems;
    private readonly long _maxRatings = DefaultMaxRatings;

    /// <summary>
    /// A small fixture for tests: 2,000 users × 500 items, 100,000 ratings, rank 8, not rounded.
    /// Generating it takes well under a second.
    /// </summary>
    public static SyntheticOptions Small { get; } = new() { Users = 2_000, Items = 500, Ratings = 100_000, Rank = 8 };

    /// <summary>Users; dense index and raw id are both 0..Users-1. At least 1. Default 1,000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Users { get => _users; init => _users = OptionGuard.AtLeast(value, 1, nameof(Users)); }

    /// <summary>Items; dense index and raw id are both 0..Items-1. At least 1. Default 1,000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Items { get => _items; init => _items = OptionGuard.AtLeast(value, 1, nameof(Items)); }

    /// <summary>Ratings, all on distinct (user, item) pairs; exactly this many are generated. Default 50,000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long Ratings { get => _ratings; init => _ratings = OptionGuard.AtLeast(value, 0L, nameof(Ratings)); }

    /// <summary>The rank of the planted factors; 0 plants biases only. Default 8.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int Rank { get => _rank; init => _rank = OptionGuard.AtLeast(value, 0, nameof(Rank)); }

    /// <summary>The seed that fixes the model and the ratings. Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>The global mean rating. Default 3.5.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite.</exception>
    public double GlobalMean { get => _globalMean; init => _globalMean = OptionGuard.Finite(value, nameof(GlobalMean)); }

    /// <summary>Standard deviation of the user biases. Default 0.3.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double UserBiasSd { get => _userBiasSd; init => _userBiasSd = OptionGuard.NonNegative(value, nameof(UserBiasSd)); }

    /// <summary>Standard deviation of the item biases. Default 0.4.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double ItemBiasSd { get => _itemBiasSd; init => _itemBiasSd = OptionGuard.NonNegative(value, nameof(ItemBiasSd)); }

    /// <summary>
    /// Standard deviation of each factor component; the interaction term then has standard deviation
    /// <c>sqrt(Rank) × FactorSd²</c>. Default 0.35.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double FactorSd { get => _factorSd; init => _factorSd = OptionGuard.NonNegative(value, nameof(FactorSd)); }

    /// <summary>Standard deviation of the Gaussian noise added to each rating. Default 0.5.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double NoiseSd { get => _noiseSd; init => _noiseSd = OptionGuard.NonNegative(value, nameof(NoiseSd)); }

    /// <summary>
    /// Zipf-like skew of ratings per user, in [0, 4]: the user of popularity rank k gets ratings in
    /// proportion to <c>k^-exponent</c> (capped at <see cref="Items"/>). 0 spreads ratings evenly. Default 0.8.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 4].</exception>
    public double UserPopularityExponent { get => _userPopularityExponent; init => _userPopularityExponent = OptionGuard.InRange(value, 0, 4, nameof(UserPopularityExponent)); }

    /// <summary>
    /// Zipf-like skew of ratings per item, in [0, 4]: each user picks distinct items with probability
    /// proportional to <c>k^-exponent</c> for the item of popularity rank k. 0 is uniform. Default 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 4].</exception>
    public double ItemPopularityExponent { get => _itemPopularityExponent; init => _itemPopularityExponent = OptionGuard.InRange(value, 0, 4, nameof(ItemPopularityExponent)); }

    /// <summary>Whether ratings are rounded to the nearest half star and clipped to [0.5, 5]. Default false.</summary>
    public bool RoundToHalfStars { get; init; }

    /// <summary>
    /// The most <see cref="Users"/> the generator accepts, at least 1; default 10,000,000. A guard against a typo that would allocate the planted
    /// factors of billions of users: raise it to generate more.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxUsers { get => _maxUsers; init => _maxUsers = OptionGuard.AtLeast(value, 1, nameof(MaxUsers)); }

    /// <summary>
    /// The most <see cref="Items"/> the generator accepts, at least 1; default 10,000,000. Raise it
    /// to generate more.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxItems { get => _maxItems; init => _maxItems = OptionGuard.AtLeast(value, 1, nameof(MaxItems)); }

    /// <summary>
    /// The most <see cref="Ratings"/> the generator accepts, at least 0; default 100,000,000, about
    /// 2 GB of LIBMF text. A guard against a typo that would fill the disk: raise it to generate more.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long MaxRatings { get => _maxRatings; init => _maxRatings = OptionGuard.AtLeast(value, 0L, nameof(MaxRatings)); }

    /// <summary>Checks the rules that relate two options, which no single <c>init</c> can.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="Users"/>, <see cref="Items"/> or <see cref="Ratings"/> exceeds its limit,
    /// <see cref="Ratings"/> exceeds <c>Users × Items</c>, or the factors of the users or the items do not fit in one array.
    /// </exception>
    internal void Validate()
    {
        CheckLimit(nameof(Users), Users, nameof(MaxUsers), MaxUsers);
        CheckLimit(nameof(Items), Items, nameof(MaxItems), MaxItems);
        CheckLimit(nameof(Ratings), Ratings, nameof(MaxRatings), MaxRatings);
        long pairs = (long)Users * Items;
        if (Ratings > pairs)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Ratings),
                Ratings,
                string.Create(CultureInfo.InvariantCulture, $"{nameof(Ratings)} must be in [0, Users × Items = {pairs}], since each (user, item) pair is rated at most once; got {Ratings}."));
        }

        int larger = Math.Max(Users, Items);
        long maxRank = Array.MaxLength / larger;
        if (Rank > maxRank)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Rank),
                Rank,
                string.Create(CultureInfo.InvariantCulture, $"{nameof(Rank)} must be in [0, {maxRank}] so the factors of {larger} users or items fit in one array; got {Rank}."));
        }
    }

    private static void CheckLimit(string name, long value, string limitName, long limit)
    {
        if (value > limit)
        {
            throw new ArgumentOutOfRangeException(
                name,
                value,
                string.Create(CultureInfo.InvariantCulture, $"{name} is {value:N0}, above the limit {limitName} = {limit:N0} that guards against sizes given by mistake. Ask for fewer, or raise {limitName} to at least {value:N0} if you mean it."));
        }
    }
}
