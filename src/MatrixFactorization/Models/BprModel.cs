using MatrixFactorization.Data;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Models;

/// <summary>
/// Bayesian personalized ranking (Rendle, Freudenthaler, Gantner and Schmidt-Thieme 2009): a
/// factorization learned from implicit feedback — which items each user chose — by asking that a
/// chosen item score above one not chosen. The score of item i for user u is b_i + p_u · q_i
/// (b_i only when the model was trained with item biases). Scores order items; they are not
/// ratings, so the model is no <see cref="IRatingModel"/>.
/// </summary>
/// <remarks>
/// A user the model does not know is scored as the average known user: b_i + p̄ · q_i, where p̄ is
/// the mean factor vector of the known users. Since the score is linear in the user vector, that
/// is the mean of the known users' scores of each item, which puts the items most users are
/// expected to choose first.
/// </remarks>
public sealed class BprModel : IFactorModel
{
    private readonly FactorMatrix _userFactors;
    private readonly FactorMatrix _itemFactors;
    private readonly float[] _itemBiases;
    private readonly Lazy<float[]> _meanUser;

    /// <summary>Creates a model from its parameters; the biases are copied.</summary>
    /// <param name="domain">What the model knows about its training data.</param>
    /// <param name="userFactors">P: one row per user of the domain.</param>
    /// <param name="itemFactors">Q: one row per item of the domain, as many columns as P.</param>
    /// <param name="itemBiases">b_i, one per item, or empty for a model without item biases.</param>
    /// <exception cref="ArgumentException">The shapes do not match the domain or each other.</exception>
    public BprModel(TrainingDomain domain, FactorMatrix userFactors, FactorMatrix itemFactors, ReadOnlySpan<float> itemBiases)
        : this(domain, userFactors, itemFactors, itemBiases.ToArray())
    {
    }

    internal BprModel(TrainingDomain domain, FactorMatrix userFactors, FactorMatrix itemFactors, float[] itemBiases)
    {
        ArgumentNullException.ThrowIfNull(domain);
        FactorShapes.Check(domain, userFactors, itemFactors);
        if (itemBiases.Length != 0 && itemBiases.Length != domain.Items.Count)
        {
            throw new ArgumentException(
                $"There must be one item bias per item ({domain.Items.Count}) or none, not {itemBiases.Length}.", nameof(itemBiases));
        }

        Domain = domain;
        _userFactors = userFactors;
        _itemFactors = itemFactors;
        _itemBiases = itemBiases;
        _meanUser = new(() => FactorScores.MeanOfKnownRows(userFactors, domain));
    }

    /// <summary>What the model knows about its training data.</summary>
    public TrainingDomain Domain { get; }

    /// <inheritdoc/>
    public IdMap Users => Domain.Users;

    /// <inheritdoc/>
    public IdMap Items => Domain.Items;

    /// <inheritdoc/>
    public int FactorCount => _userFactors.Columns;

    /// <inheritdoc/>
    public FactorMatrix UserFactors => _userFactors;

    /// <inheritdoc/>
    public FactorMatrix ItemFactors => _itemFactors;

    /// <summary>Always empty: a user bias would add the same amount to every item and change no ranking.</summary>
    public ReadOnlySpan<float> UserBiases => default;

    /// <summary>The item biases b_i, or empty for a model trained without them.</summary>
    public ReadOnlySpan<float> ItemBiases => _itemBiases;

    /// <summary>0: scores are b_i + p_u · q_i.</summary>
    public float ScoreOffset => 0f;

    /// <summary>The mean factor vector of the known users.</summary>
    public ReadOnlySpan<float> ColdStartVector => _meanUser.Value;

    /// <inheritdoc/>
    public bool IsKnownUser(int userIndex) => Domain.IsKnownUser(userIndex);

    /// <inheritdoc/>
    public bool IsKnownItem(int itemIndex) => Domain.IsKnownItem(itemIndex);

    /// <inheritdoc/>
    public void ScoreItems(int userIndex, Span<float> scores) => FactorScores.ScoreItems(this, userIndex, scores);

    /// <inheritdoc/>
    public void ScoreItems(int userIndex, ReadOnlySpan<int> itemIndices, Span<float> scores) =>
        FactorScores.ScoreItems(this, userIndex, itemIndices, scores);
}
