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
        _maxItemNorm = itemFactors is null ? 0 : FactorKernels.MaxRowNorm(itemFactors);
        _compactItems = new(() => itemFactors is null || !float.IsFinite(_maxItemNorm) ? null : new BFloat16Panels(itemFactors));
    }

    private readonly int[] _unknownItems;
    private readonly float _maxItemNorm;
    private readonly Lazy<BFloat16Panels?> _compactItems;
    private readonly FactorMatrix? _userEmbeddings;
    private readonly FactorMatrix? _itemEmbeddings;

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

    /// <summary>The neural model's unclipped predictions, which rank items for it; null for the other models.</summary>
    public IRatingModel? Network { get; private init; }

    /// <summary>The user vectors similar users are found by: the factors, or a neural model's embeddings; null for the baseline.</summary>
    public FactorMatrix? UserEmbeddings
    {
        get => _userEmbeddings ?? UserFactors;
        private init => _userEmbeddings = value;
    }

    /// <summary>The item vectors similar items are found by: the factors, or a neural model's embeddings; null for the baseline.</summary>
    public FactorMatrix? ItemEmbeddings
    {
        get => _itemEmbeddings ?? ItemFactors;
        private init => _itemEmbeddings = value;
    }

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
            NeuralModel m => new(m, null, null, null, null) { Network = m.WithClipping(false), UserEmbeddings = m.UserEmbeddings, ItemEmbeddings = m.ItemEmbeddings },
            _ => throw new NotSupportedException($"{model.GetType().Name} is not a model this library can rank with."),
        };
    }

    public bool IsKnownUser(int user) => Model.IsKnownUser(user);

    public bool IsKnownItem(int item) => Model.IsKnownItem(item);

    /// <summary>The item biases to add to partial scores while ranking; empty for the plain model.</summary>
    public ReadOnlySpan<float> Addend => ItemBiases;

    /// <summary>Floats a score buffer for <see cref="ScoreUser"/> and <see cref="ScoreVector"/> must hold: the item count, or more for the compact copy's padding.</summary>
    public int ScoreBufferLength => Math.Max(ItemCount, CompactItems?.PaddedRows ?? 0);

    /// <summary>
    /// The bfloat16 copy of the item factors that ranking scans before rescoring the candidates
    /// exactly; null for the baseline, and for factors too large for a finite error bound.
    /// </summary>
    public BFloat16Panels? CompactItems => _compactItems.Value;

    /// <summary>
    /// Partial scores of every item for a user, for ranking: the full unclipped score of item i is
    /// <c>dot(vector, q_i) + Addend[i] + offset</c> (the addend is empty for the plain model). The
    /// dot products written to <paramref name="scores"/> are approximate, each within
    /// <paramref name="error"/> of the exact one, which <see cref="Recommender"/> computes for the
    /// few candidates that matter. Items unknown to the model get negative infinity. An unknown
    /// user (or index -1) gets the cold-start scores.
    /// </summary>
    /// <param name="user">A dense user index.</param>
    /// <param name="scores">At least <see cref="ScoreBufferLength"/> floats; the first <see cref="ItemCount"/> are the scores.</param>
    /// <param name="vector">The user's factor vector; empty when the scores are exact (no factors are involved).</param>
    /// <param name="error">The bound on each score's error; 0 when <paramref name="vector"/> is empty.</param>
    /// <returns>The offset shared by every item.</returns>
    public float ScoreUser(int user, Span<float> scores, out ReadOnlySpan<float> vector, out float error)
    {
        if (Network is not null)
        {
            ScoreWithNetwork(user, scores[..ItemCount]);
            vector = default;
            error = 0;
            return 0;
        }

        float offset;
        if (IsKnownUser(user))
        {
            offset = UserBiases is null ? 0 : GlobalMean + UserBiases[user];
            vector = UserFactors is null ? default : UserFactors.Row(user);
        }
        else if (ItemBiases is not null)
        {
            // Cold start with biases: μ + b_i, the baseline prediction for a user about whom
            // nothing is known.
            offset = GlobalMean;
            vector = default;
        }
        else
        {
            // Cold start without biases: the average user's p̄·q_i.
            offset = 0;
            vector = MeanUserFactors;
        }

        if (vector.IsEmpty)
        {
            scores[..ItemCount].Clear();
            MaskUnknownItems(scores[..ItemCount]);
            error = 0;
            return offset;
        }

        error = ScoreVector(vector, scores);
        return offset;
    }

    /// <summary>
    /// Approximate dot products of a factor vector (a user's, or a folded-in user's) with every
    /// item, as <see cref="ScoreUser"/> describes; unknown items get negative infinity.
    /// </summary>
    /// <param name="vector">A factor vector of <see cref="Factors"/> floats.</param>
    /// <param name="scores">At least <see cref="ScoreBufferLength"/> floats.</param>
    /// <returns>The bound on each score's error.</returns>
    public float ScoreVector(ReadOnlySpan<float> vector, Span<float> scores)
    {
        float error;
        if (CompactItems is { } compact)
        {
            FactorKernels.ScoreAllApproximate(KernelDispatch.Active, vector, compact, scores);
            error = FactorKernels.ApproximateScoreError(vector, compact);
        }
        else
        {
            FactorKernels.ScoreAll(vector, ItemFactors!, scores[..ItemCount]);
            error = ExactScoreError(vector);
        }

        MaskUnknownItems(scores[..ItemCount]);
        return error;
    }

    /// <summary>The bound on the difference between a <see cref="FactorKernels.ScoreAll(ReadOnlySpan{float}, FactorMatrix, Span{float})"/> score and <see cref="ExactScore"/>.</summary>
    public float ExactScoreError(ReadOnlySpan<float> vector) => FactorKernels.ExactScoreError(vector, _maxItemNorm, ItemFactors!.Stride);

    /// <summary>The exact partial score of one item, the same float <see cref="Models.MatrixFactorizationModel"/> computes.</summary>
    public float ExactScore(ReadOnlySpan<float> vector, int item) => FactorKernels.Dot(vector, ItemFactors!.Row(item));

    /// <summary>
    /// A neural model has no dot product to shortcut: every known item gets the model's own
    /// unclipped prediction, exactly as <see cref="IRatingModel.Predict(int, int)"/> computes it
    /// (an unknown user gets the network's prediction for a zero embedding).
    /// </summary>
    private void ScoreWithNetwork(int user, Span<float> scores)
    {
        int known = IsKnownUser(user) ? user : -1;
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = Network!.Predict(known, i).Value;
        }

        MaskUnknownItems(scores);
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
