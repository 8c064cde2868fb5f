using MatrixFactorization.Data;

namespace MatrixFactorization.Models;

/// <summary>
/// Ranks every item by how often it was chosen in training — the interaction count, or a sum of
/// weights that halve with age when the trainer is given a half-life. The same list for everyone,
/// minus what each user already has: the baseline every ranking table reports, and the cold start
/// of the personal models.
/// </summary>
public sealed class PopularityModel : IScoringModel
{
    private readonly float[] _popularity;
    private readonly TrainingDomain _domain;

    /// <summary>Creates a model from its parameters; the popularity values are copied.</summary>
    /// <param name="domain">What the model knows about its training data.</param>
    /// <param name="popularity">One finite, non-negative value per item of the domain.</param>
    /// <exception cref="ArgumentException">The length does not match the items, or a value is negative or not finite.</exception>
    public PopularityModel(TrainingDomain domain, ReadOnlySpan<float> popularity)
        : this(domain, popularity.ToArray())
    {
    }

    internal PopularityModel(TrainingDomain domain, float[] popularity)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (popularity.Length != domain.Items.Count)
        {
            throw new ArgumentException($"There must be one popularity value per item: {domain.Items.Count}, not {popularity.Length}.", nameof(popularity));
        }

        foreach (float value in popularity)
        {
            if (!(value >= 0) || !float.IsFinite(value))
            {
                throw new ArgumentException($"Popularity values must be finite and non-negative, not {value}.", nameof(popularity));
            }
        }

        _domain = domain;
        _popularity = popularity;
    }

    /// <inheritdoc/>
    public IdMap Users => _domain.Users;

    /// <inheritdoc/>
    public IdMap Items => _domain.Items;

    /// <summary>What the model knows about its training data.</summary>
    public TrainingDomain Domain => _domain;

    /// <summary>Each item's popularity, by dense item index: its interaction count, or its decayed weight.</summary>
    public ReadOnlySpan<float> Popularity => _popularity;

    /// <inheritdoc/>
    public bool IsKnownUser(int userIndex) => _domain.IsKnownUser(userIndex);

    /// <inheritdoc/>
    public bool IsKnownItem(int itemIndex) => _domain.IsKnownItem(itemIndex);

    /// <summary>Writes every item's popularity: the same for every user.</summary>
    /// <param name="userIndex">Any user index; it does not change the scores.</param>
    /// <param name="scores">At least <c>Items.Count</c> floats.</param>
    public void ScoreItems(int userIndex, Span<float> scores)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scores.Length, _popularity.Length, nameof(scores));
        _popularity.CopyTo(scores);
    }

    /// <inheritdoc/>
    public void ScoreItems(int userIndex, ReadOnlySpan<int> itemIndices, Span<float> scores)
    {
        if (scores.Length != itemIndices.Length)
        {
            throw new ArgumentException($"items ({itemIndices.Length}) and scores ({scores.Length}) must have one length.", nameof(scores));
        }

        for (int k = 0; k < itemIndices.Length; k++)
        {
            scores[k] = (uint)itemIndices[k] < (uint)_popularity.Length ? _popularity[itemIndices[k]] : float.NegativeInfinity;
        }
    }
}
