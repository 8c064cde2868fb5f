using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// What ranking needs from an <see cref="IFactorModel"/>, prepared once: the factors, the biases,
/// the offset and cold-start vector, and a compact bfloat16 copy of the item factors that is
/// scanned before the few candidates that matter are rescored exactly.
/// </summary>
internal sealed class FactorRanking
{
    private readonly float _maxItemNorm;
    private readonly Lazy<BFloat16Panels?> _compactItems;
    private readonly float[] _coldStartVector;

    public FactorRanking(IFactorModel model)
    {
        Model = model;
        UserFactors = model.UserFactors;
        ItemFactors = model.ItemFactors;
        UserBiases = model.UserBiases.IsEmpty ? null : model.UserBiases.ToArray();
        ItemBiases = model.ItemBiases.IsEmpty ? null : model.ItemBiases.ToArray();
        ScoreOffset = model.ScoreOffset;
        _coldStartVector = model.ColdStartVector.ToArray();
        ItemCount = model.Items.Count;
        if (ItemFactors.Rows != ItemCount || UserFactors.Rows != model.Users.Count || ItemFactors.Columns != UserFactors.Columns
            || (ItemBiases is not null && ItemBiases.Length != ItemCount) || (UserBiases is not null && UserBiases.Length != UserFactors.Rows)
            || (_coldStartVector.Length != 0 && _coldStartVector.Length != ItemFactors.Columns))
        {
            throw new ArgumentException($"The factors, biases and cold-start vector of the {model.GetType().Name} do not fit its user and item maps.", nameof(model));
        }

        _maxItemNorm = FactorKernels.MaxRowNorm(ItemFactors);
        _compactItems = new(() => !float.IsFinite(_maxItemNorm) ? null : new BFloat16Panels(ItemFactors));
    }

    public IFactorModel Model { get; }

    public FactorMatrix UserFactors { get; }

    public FactorMatrix ItemFactors { get; }

    public float[]? UserBiases { get; }

    public float[]? ItemBiases { get; }

    public float ScoreOffset { get; }

    public int ItemCount { get; }

    /// <summary>The item biases to add to partial scores while ranking; empty without biases.</summary>
    public ReadOnlySpan<float> Addend => ItemBiases;

    /// <summary>Floats a score buffer for <see cref="ScoreUser"/> and <see cref="ScoreVector"/> must hold: the item count, or more for the compact copy's padding.</summary>
    public int ScoreBufferLength => Math.Max(ItemCount, CompactItems?.PaddedRows ?? 0);

    /// <summary>
    /// The bfloat16 copy of the item factors that ranking scans before rescoring the candidates
    /// exactly; null for factors too large for a finite error bound.
    /// </summary>
    public BFloat16Panels? CompactItems => _compactItems.Value;

    /// <summary>
    /// Partial scores of every item for a user, for ranking: the full unclipped score of item i is
    /// <c>dot(vector, q_i) + Addend[i] + offset</c>. The dot products written to
    /// <paramref name="scores"/> are approximate, each within <paramref name="error"/> of the exact
    /// one, which <see cref="Recommender"/> computes for the few candidates that matter. An unknown
    /// user (or index -1) gets the cold-start scores. Unknown items are not masked here.
    /// </summary>
    /// <param name="user">A dense user index.</param>
    /// <param name="scores">At least <see cref="ScoreBufferLength"/> floats; the first <see cref="ItemCount"/> are the scores.</param>
    /// <param name="vector">The user's factor vector; empty when the scores are exact (no factors are involved).</param>
    /// <param name="error">The bound on each score's error; 0 when <paramref name="vector"/> is empty.</param>
    /// <returns>The offset shared by every item.</returns>
    public float ScoreUser(int user, Span<float> scores, out ReadOnlySpan<float> vector, out float error)
    {
        float offset;
        if (Model.IsKnownUser(user))
        {
            offset = UserBiases is null ? ScoreOffset : ScoreOffset + UserBiases[user];
            vector = UserFactors.GetRow(user);
        }
        else
        {
            // Cold start: μ + b_i with biases (what the model expects anyone to rate highest), or
            // the model's stand-in user vector, such as the average known user.
            offset = ScoreOffset;
            vector = _coldStartVector;
        }

        if (vector.IsEmpty)
        {
            scores[..ItemCount].Clear();
            error = 0;
            return offset;
        }

        error = ScoreVector(vector, scores);
        return offset;
    }

    /// <summary>
    /// Approximate dot products of a factor vector (a user's, or a folded-in user's) with every
    /// item, as <see cref="ScoreUser"/> describes.
    /// </summary>
    /// <param name="vector">A factor vector of the model's length.</param>
    /// <param name="scores">At least <see cref="ScoreBufferLength"/> floats.</param>
    /// <returns>The bound on each score's error.</returns>
    public float ScoreVector(ReadOnlySpan<float> vector, Span<float> scores)
    {
        if (CompactItems is { } compact)
        {
            FactorKernels.ScoreAllApproximate(KernelDispatch.Active, vector, compact, scores);
            return FactorKernels.ApproximateScoreError(vector, compact);
        }

        FactorKernels.ScoreAll(vector, ItemFactors, scores[..ItemCount]);
        return ExactScoreError(vector);
    }

    /// <summary>The bound on the difference between a <see cref="FactorKernels.ScoreAll(ReadOnlySpan{float}, FactorMatrix, Span{float})"/> score and <see cref="ExactScore"/>.</summary>
    public float ExactScoreError(ReadOnlySpan<float> vector) => FactorKernels.ExactScoreError(vector, _maxItemNorm, ItemFactors.Stride);

    /// <summary>The exact partial score of one item, the same float the model predicts with.</summary>
    public float ExactScore(ReadOnlySpan<float> vector, int item) => FactorKernels.Dot(vector, ItemFactors.GetRow(item));
}
