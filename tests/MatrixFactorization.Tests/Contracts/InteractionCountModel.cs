using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Tests.Contracts;

/// <summary>
/// A model written the way a user of the library would write one: it implements only the public
/// scoring contract, knows nothing of the library's internals, and ranks every item by how many
/// training ratings it has (ties to the lower index).
/// </summary>
internal sealed class InteractionCountModel : IScoringModel
{
    private readonly float[] _counts;
    private readonly TrainingDomain _domain;

    public InteractionCountModel(TrainingDomain domain, float[] counts)
    {
        _domain = domain;
        _counts = counts;
    }

    public IdMap Users => _domain.Users;

    public IdMap Items => _domain.Items;

    public TrainingDomain Domain => _domain;

    public ReadOnlySpan<float> Counts => _counts;

    public static InteractionCountModel Fit(RatingStore train)
    {
        var counts = new float[train.ItemCount];
        foreach (int item in train.ItemIndices)
        {
            counts[item]++;
        }

        return new InteractionCountModel(TrainingDomain.From(train), counts);
    }

    public bool IsKnownUser(int userIndex) => _domain.IsKnownUser(userIndex);

    public bool IsKnownItem(int itemIndex) => _domain.IsKnownItem(itemIndex);

    public void ScoreItems(int userIndex, Span<float> scores) => _counts.CopyTo(scores);

    public void ScoreItems(int userIndex, ReadOnlySpan<int> itemIndices, Span<float> scores)
    {
        for (int k = 0; k < itemIndices.Length; k++)
        {
            scores[k] = _counts[itemIndices[k]];
        }
    }
}
