using System.Globalization;

namespace MatrixFactorization.Training;

/// <summary>
/// The training data has more items than a trainer that keeps a dense item × item matrix accepts
/// (<see cref="EaseOptions.MaxItems"/>). No model is trained.
/// </summary>
public sealed class ItemLimitException : Exception
{
    /// <summary>Creates the exception for a store with too many items.</summary>
    /// <param name="itemCount">The items in the training data.</param>
    /// <param name="limit">The most the trainer accepts.</param>
    public ItemLimitException(int itemCount, int limit)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"EASE keeps a dense item × item matrix: {itemCount:N0} items need {4.0 * itemCount * itemCount / 1e9:F1} GB of float weights (4 bytes × items²), and about twice that while solving, but MaxItems is {limit:N0}. Raise EaseOptions.MaxItems (up to {EaseOptions.ItemCeiling:N0}) if the memory is there, keep only the items with the most interactions (RatingStore.Subset), or train a factor model such as ALS, whose memory grows linearly with the items."))
    {
        ItemCount = itemCount;
        Limit = limit;
    }

    /// <summary>Creates the exception with a plain message.</summary>
    public ItemLimitException()
    {
    }

    /// <summary>Creates the exception with a plain message.</summary>
    /// <param name="message">What happened.</param>
    public ItemLimitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a plain message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public ItemLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The items in the training data (0 when unknown).</summary>
    public int ItemCount { get; }

    /// <summary>The most items the trainer accepts (0 when unknown).</summary>
    public int Limit { get; }
}
