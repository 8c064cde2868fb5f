using MatrixFactorization.Data;
using MatrixFactorization.Foundation;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Everything a neural training run updates: the parameters, their gradients and Adam's two moment
/// estimates, each laid out like its parameter so one kernel call updates a row or a whole layer
/// stack. The parameters are shared with the <see cref="NeuralModel"/> the run returns.
/// </summary>
internal sealed class NeuralState : ITrainingState
{
    private NeuralState(NeuralLayers layers, int users, int items, int userEmbeddingLength, int itemEmbeddingLength, bool biases, NeuralOutput output)
    {
        Layers = layers;
        Output = output;
        int parameters = layers.Parameters.Length;
        DenseGradient = new float[parameters];
        DenseM = new float[parameters];
        DenseV = new float[parameters];
        UserEmbeddings = new FactorMatrix(users, userEmbeddingLength);
        UserGradient = new FactorMatrix(users, userEmbeddingLength);
        UserM = new FactorMatrix(users, userEmbeddingLength);
        UserV = new FactorMatrix(users, userEmbeddingLength);
        ItemEmbeddings = new FactorMatrix(items, itemEmbeddingLength);
        ItemGradient = new FactorMatrix(items, itemEmbeddingLength);
        ItemM = new FactorMatrix(items, itemEmbeddingLength);
        ItemV = new FactorMatrix(items, itemEmbeddingLength);
        if (biases)
        {
            UserBiases = new NeuralBiasVector(users);
            ItemBiases = new NeuralBiasVector(items);
        }
    }

    public NeuralLayers Layers { get; }

    public NeuralOutput Output { get; }

    public float[] DenseGradient { get; }

    public float[] DenseM { get; }

    public float[] DenseV { get; }

    public FactorMatrix UserEmbeddings { get; }

    public FactorMatrix UserGradient { get; }

    public FactorMatrix UserM { get; }

    public FactorMatrix UserV { get; }

    public FactorMatrix ItemEmbeddings { get; }

    public FactorMatrix ItemGradient { get; }

    public FactorMatrix ItemM { get; }

    public FactorMatrix ItemV { get; }

    /// <summary>b_u with its gradient and moments, or null without the bias path.</summary>
    public NeuralBiasVector? UserBiases { get; }

    /// <summary>b_i with its gradient and moments, or null without the bias path.</summary>
    public NeuralBiasVector? ItemBiases { get; }

    public int UserEmbeddingLength => UserEmbeddings.Columns;

    public int ItemEmbeddingLength => ItemEmbeddings.Columns;

    /// <summary>The layers and embeddings, then the biases when there are any.</summary>
    public int ParameterSpanCount => UserBiases is null ? 3 : 5;

    /// <summary>A freshly initialized state: embeddings ~ N(0, scale²), each linear layer
    /// ~ U(−1/√in, 1/√in) as PyTorch's default, biases zero.</summary>
    public static NeuralState Create(RatingStore train, NeuralOptions options, TrainingDomain domain)
    {
        int[] widths = [options.UserEmbeddingLength + options.ItemEmbeddingLength, .. options.HiddenLayers, 1];
        var layers = new NeuralLayers(widths);
        NeuralOutput output = NeuralOutput.Create(domain.GlobalMean, options.SquashOutput, domain.Scale.Min, domain.Scale.Max, options.OutputMargin);
        var state = new NeuralState(layers, train.UserCount, train.ItemCount, options.UserEmbeddingLength, options.ItemEmbeddingLength, options.UseBiases, output);
        FillNormal(state.UserEmbeddings, options.EmbeddingScale, SplitMix64.For(options.Seed, 1, 0x4E4E));
        FillNormal(state.ItemEmbeddings, options.EmbeddingScale, SplitMix64.For(options.Seed, 2, 0x4E4E));
        SplitMix64 rng = SplitMix64.For(options.Seed, 3, 0x4E4E);
        Span<float> parameters = layers.Parameters;
        for (int l = 0; l < layers.LayerCount; l++)
        {
            float bound = 1f / MathF.Sqrt(layers.InputWidth(l));
            int count = (layers.InputWidth(l) + 1) * layers.OutputWidth(l);
            foreach (ref float p in parameters.Slice(layers.WeightOffset(l), count))
            {
                p = bound * ((2f * rng.NextSingle()) - 1f);
            }
        }

        return state;
    }

    /// <summary>The model over these parameters (shared, not copied).</summary>
    public NeuralModel ToModel(TrainingDomain domain, bool clip) =>
        new(domain, UserEmbeddings, ItemEmbeddings, UserBiases?.Values, ItemBiases?.Values, Layers, Output, clip);

    public Span<float> ParameterSpan(int index) => index switch
    {
        0 => Layers.Parameters,
        1 => UserEmbeddings.PaddedStorage,
        2 => ItemEmbeddings.PaddedStorage,
        3 when UserBiases is not null => UserBiases.Values,
        4 when ItemBiases is not null => ItemBiases.Values,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>Whether every layer parameter and bias is finite (a non-finite embedding shows in the loss).</summary>
    public bool IsFinite()
    {
        foreach (float p in Layers.Parameters)
        {
            if (!float.IsFinite(p))
            {
                return false;
            }
        }

        return UserBiases is null || (AllFinite(UserBiases.Values) && AllFinite(ItemBiases!.Values));
    }

    private static bool AllFinite(float[] values)
    {
        foreach (float v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    private static void FillNormal(FactorMatrix matrix, float scale, SplitMix64 rng)
    {
        for (int row = 0; row < matrix.Rows; row++)
        {
            foreach (ref float value in matrix.Row(row))
            {
                value = scale * (float)rng.NextGaussian();
            }
        }
    }
}
