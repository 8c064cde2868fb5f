using MatrixFactorization.Data;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Models;

/// <summary>
/// Implicit-feedback matrix factorization (Hu, Koren and Volinsky 2008), the model of the implicit
/// library's <c>AlternatingLeastSquares</c>: the score of item i for user u is x_u · y_i, an estimate of
/// the preference p_ui ∈ {0, 1} that <see cref="Objective"/> weighs by confidence. Scores rank items;
/// they are not ratings.
/// </summary>
/// <remarks>
/// A user the model does not know is ranked with <see cref="ColdStartVector"/>, the mean vector of
/// the known users. Since a score estimates whether the user interacted with the item, the mean
/// user's score x̄ · y_i is the model's estimate of the share of users who interacted with item i:
/// a smoothed popularity ranking in the model's own terms, with no separate fallback to keep in step.
/// </remarks>
public sealed class ImplicitAlsModel : IFactorModel
{
    private readonly FactorMatrix _userFactors;
    private readonly FactorMatrix _itemFactors;
    private readonly float[] _coldStart;

    /// <summary>Creates a model from its parameters; the cold-start vector is the mean of the known users' vectors.</summary>
    /// <param name="domain">What the model knows about its training data.</param>
    /// <param name="userFactors">X: one row per user of the domain.</param>
    /// <param name="itemFactors">Y: one row per item of the domain, as many columns as X.</param>
    /// <param name="objective">The objective the factors were fitted to, used to solve new users the same way.</param>
    /// <exception cref="ArgumentException">The shapes do not match the domain or each other.</exception>
    public ImplicitAlsModel(TrainingDomain domain, FactorMatrix userFactors, FactorMatrix itemFactors, ImplicitObjective objective)
        : this(domain, userFactors, itemFactors, objective, null)
    {
    }

    /// <param name="domain">What the model knows about its training data.</param>
    /// <param name="userFactors">X.</param>
    /// <param name="itemFactors">Y.</param>
    /// <param name="objective">The objective.</param>
    /// <param name="coldStart">The cold-start vector, kept (a trainer updates it in place), or null to compute the mean known user.</param>
    internal ImplicitAlsModel(TrainingDomain domain, FactorMatrix userFactors, FactorMatrix itemFactors, ImplicitObjective objective, float[]? coldStart)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(objective);
        FactorShapes.Check(domain, userFactors, itemFactors);
        if (coldStart is not null && coldStart.Length != userFactors.Columns)
        {
            throw new ArgumentException($"The cold-start vector must have {userFactors.Columns} factors, not {coldStart.Length}.", nameof(coldStart));
        }

        Domain = domain;
        Objective = objective;
        _userFactors = userFactors;
        _itemFactors = itemFactors;
        _coldStart = coldStart ?? FactorScores.MeanOfKnownRows(userFactors, domain);
    }

    /// <summary>What the model knows about its training data: id maps and which users and items had interactions.</summary>
    public TrainingDomain Domain { get; }

    /// <summary>The objective the factors were fitted to.</summary>
    public ImplicitObjective Objective { get; }

    /// <inheritdoc/>
    public IdMap Users => Domain.Users;

    /// <inheritdoc/>
    public IdMap Items => Domain.Items;

    /// <inheritdoc/>
    public int FactorCount => _userFactors.Columns;

    /// <summary>The user factor vectors x_u.</summary>
    public FactorMatrix UserFactors => _userFactors;

    /// <summary>The item factor vectors y_i.</summary>
    public FactorMatrix ItemFactors => _itemFactors;

    /// <summary>Always empty: the model has no biases.</summary>
    public ReadOnlySpan<float> UserBiases => default;

    /// <summary>Always empty: the model has no biases.</summary>
    public ReadOnlySpan<float> ItemBiases => default;

    /// <summary>0: a score is the dot product alone.</summary>
    public float ScoreOffset => 0f;

    /// <summary>The mean factor vector of the known users (see the remarks on the class).</summary>
    public ReadOnlySpan<float> ColdStartVector => _coldStart;

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
