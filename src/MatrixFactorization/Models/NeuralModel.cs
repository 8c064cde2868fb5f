using MatrixFactorization.Kernels;

namespace MatrixFactorization.Models;

/// <summary>
/// Neural collaborative filtering in the style of fastai's <c>CollabFNet</c>: the user's and the
/// item's embeddings are concatenated, rectified, and passed through fully connected ReLU layers to
/// one linear output z. The rating is μ + z, plus b_u + b_i when the model has a bias path; with
/// output squashing it is instead lo + (hi − lo)·σ(z + b_u + b_i + c), where [lo, hi] is the rating
/// scale widened by a margin and c makes z = 0 predict μ.
/// </summary>
/// <remarks>
/// Unknown user: the network is evaluated with a zero user embedding (rectified to zero, so the
/// user contributes nothing) and b_u = 0, which leaves the item's own signal: its embedding through
/// the network and b_i. Unknown item: the same with the item's side zeroed. Both unknown: μ.
/// Inference keeps its activations on the stack (or, for very wide networks, in a per-thread
/// buffer), so concurrent predictions are safe.
/// </remarks>
public sealed class NeuralModel : RatingModel, IEmbeddingModel
{
    private const int StackScratchLimit = 1024;

    [ThreadStatic]
    private static float[]? t_scratch;

    private readonly FactorMatrix _userEmbeddings;
    private readonly FactorMatrix _itemEmbeddings;
    private readonly float[]? _userBiases;
    private readonly float[]? _itemBiases;
    private readonly NeuralLayers _layers;
    private readonly NeuralOutput _output;

    internal NeuralModel(
        TrainingDomain domain,
        FactorMatrix userEmbeddings,
        FactorMatrix itemEmbeddings,
        float[]? userBiases,
        float[]? itemBiases,
        NeuralLayers layers,
        NeuralOutput output,
        bool clipPredictions)
        : base(domain, clipPredictions)
    {
        if (layers.InputWidth(0) != userEmbeddings.Columns + itemEmbeddings.Columns)
        {
            throw new ArgumentException("The first layer's input width must be the two embedding widths together.", nameof(layers));
        }

        if ((userBiases is null) != (itemBiases is null))
        {
            throw new ArgumentException("User and item biases come together or not at all.", nameof(userBiases));
        }

        if (userBiases is not null && (userBiases.Length != userEmbeddings.Rows || itemBiases!.Length != itemEmbeddings.Rows))
        {
            throw new ArgumentException("There must be one bias per embedding row.", nameof(userBiases));
        }

        _userEmbeddings = userEmbeddings;
        _itemEmbeddings = itemEmbeddings;
        _userBiases = userBiases;
        _itemBiases = itemBiases;
        _layers = layers;
        _output = output;
    }

    /// <summary>The length of a user embedding.</summary>
    public int UserEmbeddingLength => _userEmbeddings.Columns;

    /// <summary>The length of an item embedding.</summary>
    public int ItemEmbeddingLength => _itemEmbeddings.Columns;

    /// <summary>The user embeddings, one row per dense user index.</summary>
    public FactorMatrix UserEmbeddings => _userEmbeddings;

    /// <summary>The item embeddings, one row per dense item index.</summary>
    public FactorMatrix ItemEmbeddings => _itemEmbeddings;

    /// <summary>Whether the model has the bias path μ + b_u + b_i.</summary>
    public bool HasBiases => _userBiases is not null;

    /// <summary>The user biases b_u (empty without the bias path).</summary>
    public ReadOnlySpan<float> UserBiases => _userBiases;

    /// <summary>The item biases b_i (empty without the bias path).</summary>
    public ReadOnlySpan<float> ItemBiases => _itemBiases;

    /// <summary>The range the sigmoid output is scaled to, or null when the output is not squashed.</summary>
    public (float Low, float High)? OutputRange => _output.Squash ? (_output.Low, _output.High) : null;

    /// <summary>The number of linear layers, the output layer included.</summary>
    public int LayerCount => _layers.LayerCount;

    /// <summary>The widths of the hidden layers, input side first.</summary>
    public IReadOnlyList<int> HiddenLayers => _layers.Widths[1..^1].ToArray();

    internal NeuralLayers Layers => _layers;

    internal NeuralOutput Output => _output;

    /// <summary>A layer's weight matrix, input-major: one row of output-width weights per input unit
    /// (the transpose of PyTorch's <c>Linear.weight</c>).</summary>
    /// <param name="layer">The 0-based layer; the last is the output layer.</param>
    /// <returns>The input-width × output-width weights.</returns>
    public ReadOnlySpan<float> GetWeights(int layer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, LayerCount);
        return _layers.Parameters.AsSpan(_layers.WeightOffset(layer), _layers.InputWidth(layer) * _layers.OutputWidth(layer));
    }

    /// <summary>A layer's bias vector.</summary>
    /// <param name="layer">The 0-based layer; the last is the output layer.</param>
    /// <returns>One bias per output unit.</returns>
    public ReadOnlySpan<float> GetBiases(int layer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, LayerCount);
        return _layers.Parameters.AsSpan(_layers.BiasOffset(layer), _layers.OutputWidth(layer));
    }

    /// <inheritdoc/>
    protected override float Score(int userIndex, int itemIndex) => Evaluate(userIndex, itemIndex);

    /// <inheritdoc/>
    protected override float ScoreUnknownUser(int itemIndex) => Evaluate(-1, itemIndex);

    /// <inheritdoc/>
    protected override float ScoreUnknownItem(int userIndex) => Evaluate(userIndex, -1);

    /// <summary>The rating for a pair; a negative index stands for an unknown side (zero embedding, zero bias).</summary>
    private float Evaluate(int user, int item)
    {
        int scratchLength = _layers.InputWidth(0) + (2 * _layers.MaxWidth);
        Span<float> scratch = scratchLength <= StackScratchLimit
            ? stackalloc float[StackScratchLimit]
            : ThreadScratch(scratchLength);
        Span<float> input = scratch[.._layers.InputWidth(0)];
        float bias = 0f;
        Rectify(user >= 0 ? _userEmbeddings.GetRow(user) : default, input[..UserEmbeddingLength]);
        Rectify(item >= 0 ? _itemEmbeddings.GetRow(item) : default, input[UserEmbeddingLength..]);
        if (_userBiases is not null)
        {
            bias = (user >= 0 ? _userBiases[user] : 0f) + (item >= 0 ? _itemBiases![item] : 0f);
        }

        float z = _layers.Evaluate(input, scratch[input.Length..]);
        return _output.Apply(z + bias);
    }

    /// <summary>destination ← max(source, 0); an empty source gives zeros.</summary>
    private static void Rectify(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (source.IsEmpty)
        {
            destination.Clear();
            return;
        }

        System.Numerics.Tensors.TensorPrimitives.Max(source, 0f, destination);
    }

    private static Span<float> ThreadScratch(int length)
    {
        if (t_scratch is null || t_scratch.Length < length)
        {
            t_scratch = new float[length];
        }

        return t_scratch.AsSpan(0, length);
    }
}
