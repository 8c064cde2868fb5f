using MatrixFactorization.Kernels;

namespace MatrixFactorization.Models;

/// <summary>
/// SVD++ (Koren 2008, "Factorization meets the neighborhood"): biased matrix factorization whose
/// user vector also carries the items the user rated, r̂_ui = μ + b_u + b_i + q_i · (p_u +
/// |N(u)|^−½ Σ_{j∈N(u)} y_j), where N(u) is the set of items u rated in training.
/// Unknown user: μ + b_i; unknown item: μ + b_u; both: μ.
/// </summary>
/// <remarks>
/// The model keeps each user's combined vector p_u + |N(u)|^−½ Σ y_j as <see cref="UserFactors"/>, so
/// scoring every item costs what it costs for <see cref="BiasedMatrixFactorizationModel"/>, and the
/// implicit item factors y_j as <see cref="ImplicitFactors"/>, from which a user the model does not
/// know gets an implicit part from the items they rated alone (see the fold-in).
/// </remarks>
public sealed class SvdPlusPlusModel : RatingModel, IFactorModel, IImplicitUserPart
{
    private readonly FactorMatrix _userFactors;
    private readonly FactorMatrix _itemFactors;
    private readonly FactorMatrix _implicitFactors;
    private readonly float[] _userBiases;
    private readonly float[] _itemBiases;

    /// <summary>Creates a model from its parameters; the biases are copied.</summary>
    /// <param name="domain">What the model knows about its training data.</param>
    /// <param name="userFactors">One combined row p_u + |N(u)|^−½ Σ y_j per user of the domain.</param>
    /// <param name="itemFactors">Q: one row per item of the domain, as many columns as the user rows.</param>
    /// <param name="implicitFactors">Y: one implicit row y_j per item of the domain, as many columns.</param>
    /// <param name="userBiases">b_u, one per user.</param>
    /// <param name="itemBiases">b_i, one per item.</param>
    /// <param name="clipPredictions">Whether predictions are clipped to the rating scale.</param>
    /// <exception cref="ArgumentException">The shapes do not match the domain or each other.</exception>
    public SvdPlusPlusModel(
        TrainingDomain domain,
        FactorMatrix userFactors,
        FactorMatrix itemFactors,
        FactorMatrix implicitFactors,
        ReadOnlySpan<float> userBiases,
        ReadOnlySpan<float> itemBiases,
        bool clipPredictions = true)
        : this(domain, userFactors, itemFactors, implicitFactors, userBiases.ToArray(), itemBiases.ToArray(), clipPredictions)
    {
    }

    internal SvdPlusPlusModel(
        TrainingDomain domain,
        FactorMatrix userFactors,
        FactorMatrix itemFactors,
        FactorMatrix implicitFactors,
        float[] userBiases,
        float[] itemBiases,
        bool clipPredictions)
        : base(domain, clipPredictions)
    {
        FactorShapes.Check(domain, userFactors, itemFactors);
        FactorShapes.Check(domain, userFactors, implicitFactors);
        FactorShapes.CheckBiases(domain, userBiases, itemBiases);
        _userFactors = userFactors;
        _itemFactors = itemFactors;
        _implicitFactors = implicitFactors;
        _userBiases = userBiases;
        _itemBiases = itemBiases;
    }

    /// <inheritdoc/>
    public int FactorCount => _userFactors.Columns;

    /// <summary>Each user's combined vector p_u + |N(u)|^−½ Σ_{j∈N(u)} y_j, the vector every score dots with q_i.</summary>
    public FactorMatrix UserFactors => _userFactors;

    /// <inheritdoc/>
    public FactorMatrix ItemFactors => _itemFactors;

    /// <summary>The implicit item factors y_j: what having rated item j adds to a user's vector, before the |N(u)|^−½ scaling.</summary>
    public FactorMatrix ImplicitFactors => _implicitFactors;

    /// <inheritdoc/>
    public ReadOnlySpan<float> UserBiases => _userBiases;

    /// <inheritdoc/>
    public ReadOnlySpan<float> ItemBiases => _itemBiases;

    /// <summary>The global mean μ.</summary>
    public float ScoreOffset => GlobalMean;

    /// <summary>Empty: a user the model does not know is ranked by μ + b_i.</summary>
    public ReadOnlySpan<float> ColdStartVector => default;

    /// <summary>
    /// Writes the implicit part |N|^−½ Σ_{j∈N} y_j of a user who rated the given items into
    /// <paramref name="destination"/>: what SVD++ knows of a user from which items they rated,
    /// whatever the ratings were.
    /// </summary>
    /// <param name="itemIndices">Dense indices of known items, distinct.</param>
    /// <param name="destination"><see cref="FactorCount"/> floats; zero when there are no items.</param>
    /// <exception cref="ArgumentException">The destination has the wrong length, or an item is unknown.</exception>
    public void ImplicitPart(ReadOnlySpan<int> itemIndices, Span<float> destination)
    {
        if (destination.Length != FactorCount)
        {
            throw new ArgumentException($"The destination must hold {FactorCount} factors, not {destination.Length}.", nameof(destination));
        }

        destination.Clear();
        foreach (int item in itemIndices)
        {
            if (!IsKnownItem(item))
            {
                throw new ArgumentException($"Item index {item} had no training ratings, so it has no implicit factors.", nameof(itemIndices));
            }

            FactorKernels.Axpy(1f, _implicitFactors.GetRow(item), destination);
        }

        if (itemIndices.Length > 0)
        {
            FactorKernels.Scale(destination, 1f / MathF.Sqrt(itemIndices.Length));
        }
    }

    /// <inheritdoc/>
    public override void ScoreItems(int userIndex, Span<float> scores) => FactorScores.ScoreItems(this, userIndex, scores);

    /// <inheritdoc/>
    public override void ScoreItems(int userIndex, ReadOnlySpan<int> itemIndices, Span<float> scores) =>
        FactorScores.ScoreItems(this, userIndex, itemIndices, scores);

    /// <inheritdoc/>
    protected override float Score(int userIndex, int itemIndex) =>
        GlobalMean + _userBiases[userIndex] + _itemBiases[itemIndex] + FactorKernels.Dot(_userFactors.GetRow(userIndex), _itemFactors.GetRow(itemIndex));

    /// <inheritdoc/>
    protected override float ScoreUnknownUser(int itemIndex) => GlobalMean + _itemBiases[itemIndex];

    /// <inheritdoc/>
    protected override float ScoreUnknownItem(int userIndex) => GlobalMean + _userBiases[userIndex];
}
