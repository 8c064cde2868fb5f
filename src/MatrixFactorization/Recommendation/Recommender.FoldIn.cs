using System.Buffers;

namespace MatrixFactorization.Recommendation;

public sealed partial class Recommender
{
    /// <summary>The best items for a folded-in user, best first.</summary>
    /// <param name="user">A user folded into this recommender's model.</param>
    /// <param name="count">How many items at most.</param>
    /// <param name="excludeRated">Leave out the items whose ratings the user was folded in from.</param>
    /// <param name="filter">Keeps only items for which it returns <see langword="true"/>; it may be asked about an item more than once.</param>
    /// <returns>Up to <paramref name="count"/> items with their unclipped predicted ratings.</returns>
    /// <exception cref="ArgumentException">The user was folded into another model.</exception>
    public ScoredItem[] Recommend(FoldedInUser user, int count, bool excludeRated = true, Predicate<int>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (Factors is not { } factors || !ReferenceEquals(user.Model.ItemFactors, factors.ItemFactors))
        {
            throw new ArgumentException("The user was folded into a different model.", nameof(user));
        }

        float[] scores = ArrayPool<float>.Shared.Rent(factors.ScoreBufferLength);
        try
        {
            float error = factors.ScoreVector(user.Vector, scores);
            Span<float> span = scores.AsSpan(0, factors.ItemCount);
            MaskUnknownItems(span);
            float offset = factors.ItemBiases is not null ? factors.ScoreOffset + user.Bias : factors.ScoreOffset;
            if (excludeRated)
            {
                foreach (int item in user.RatedItems)
                {
                    span[item] = float.NegativeInfinity;
                }
            }

            return Select(span, offset, count, filter, user.Vector, error);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }
}
