using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// The parameters of one of the library's models in a uniform shape, so ranking code is written
/// once: optional factors, optional biases, the global mean and the known flags. Scores are the
/// models' unclipped predictions.
/// </summary>
internal sealed class ModelParameters
{
    private ModelParameters(RatingModel model, FactorMatrix? userFactors, FactorMatrix? itemFactors, float[]? userBiases, float[]? itemBiases)
    {
        Model = model;
        UserFactors = userFactors;
        ItemFactors = itemFactors;
        UserBiases = userBiases;
        ItemBiases = itemBiases;
        GlobalMean = model.GlobalMean;
        UserCount = model.Users.Count;
        ItemCount = model.Items.Count;
        MeanUserFactors = userFactors is null ? null : MeanOfKnownRows(userFactors, model);
        _unknownItems = Enumerable.Range(0, ItemCount).Where(i => !model.IsKnownItem(i)).ToArray();
    }

    private readonly int[] _unknownItems;

    public RatingModel Model { get; }

    public FactorMatrix? UserFactors { get; }

    public FactorMatrix? ItemFactors { get; }

    public float[]? UserBiases { get; }

    public float[]? ItemBiases { get; }

    public float GlobalMean { get; }

    public int UserCount { get; }

    public int ItemCount { get; }

    /// <summary>The mean factor vector of the known users: the "average user" the plain model uses for cold start.</summary>
    public float[]? MeanUserFactors { get; }

    public bool HasBiases => ItemBiases is not null;

    /// <summary>Items with training ratings: the ones that can be recommended.</summary>
    public int KnownItemCount => ItemCount - _unknownItems.Length;

    public int Factors => ItemFactors?.Columns ?? 0;

    public static ModelParameters From(IRatingModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model switch
        {
            BiasedMatrixFactorizationModel m => new(m, m.UserFactors, m.ItemFactors, m.UserBiases.ToArray(), m.ItemBiases.ToArray()),
            MatrixFactorizationModel m => new(m, m.UserFactors, m.ItemFactors, null, null),
            BaselineModel m => new(m, null, null, m.UserBiases.ToArray(), m.ItemBiases.ToArray()),
            _ => throw new NotSupportedException($"{model.GetType().Name} is not a model this library can rank with."),
        };
    }

    public bool IsKnownUser(int user) => Model.IsKnownUser(user);

    public bool IsKnownItem(int item) => Model.IsKnownItem(item);

    /// <summary>The item biases to add to partial scores while ranking; empty for the plain model.</summary>
    public ReadOnlySpan<float> Addend => ItemBiases;

    /// <summary>
    /// Partial scores of every item for a user: the full unclipped score of item i is
    /// <c>scores[i] + Addend[i] + offset</c> (the addend is empty for the plain model), so the item
    /// biases are added during the ranking scan instead of in a pass of their own. Items unknown
    /// to the model get negative infinity. An unknown user (or index -1) gets the cold-start scores.
    /// </summary>
    /// <returns>The offset shared by every item.</returns>
    public float ScoreUser(int user, Span<float> scores)
    {
        if (!IsKnownUser(user))
        {
            return ScoreColdStart(scores);
        }

        float offset = UserBiases is null ? 0 : GlobalMean + UserBiases[user];
        if (ItemFactors is not null)
        {
            return ScoreVector(UserFactors!.Row(user), offset, scores);
        }

        scores.Clear();
        MaskUnknownItems(scores);
        return offset;
    }

    /// <summary>
    /// Partial scores for a user given by a factor vector (a folded-in user), as
    /// <see cref="ScoreUser"/>: <c>p·q_i</c>, to which the ranking adds b_i and the offset.
    /// </summary>
    /// <returns><paramref name="offset"/>, for symmetry with <see cref="ScoreUser"/>.</returns>
    public float ScoreVector(ReadOnlySpan<float> userFactors, float offset, Span<float> scores)
    {
        FactorKernels.ScoreAll(userFactors, ItemFactors!, scores);
        MaskUnknownItems(scores);
        return offset;
    }

    /// <summary>
    /// Cold start: μ + b_i for the models with biases (the baseline prediction for a user about
    /// whom nothing is known), the average user's p̄·q_i for the plain model.
    /// </summary>
    /// <returns>The offset shared by every item.</returns>
    public float ScoreColdStart(Span<float> scores)
    {
        if (ItemBiases is not null)
        {
            scores.Clear();
            MaskUnknownItems(scores);
            return GlobalMean;
        }

        FactorKernels.ScoreAll(MeanUserFactors!, ItemFactors!, scores);
        MaskUnknownItems(scores);
        return 0;
    }

    public void MaskUnknownItems(Span<float> scores)
    {
        // Items without training ratings have untrained parameters; their scores mean nothing.
        foreach (int i in _unknownItems)
        {
            scores[i] = float.NegativeInfinity;
        }
    }

    private static float[] MeanOfKnownRows(FactorMatrix users, RatingModel model)
    {
        var mean = new double[users.Columns];
        int known = 0;
        for (int u = 0; u < users.Rows; u++)
        {
            if (!model.IsKnownUser(u))
            {
                continue;
            }

            known++;
            Span<float> row = users.Row(u);
            for (int f = 0; f < mean.Length; f++)
            {
                mean[f] += row[f];
            }
        }

        return mean.Select(v => known == 0 ? 0f : (float)(v / known)).ToArray();
    }
}
