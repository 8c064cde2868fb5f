using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Forward and backward pass of one rating through the network, with its own activation buffers
/// (one instance per shard, reused for every rating, so nothing is allocated while training).
/// </summary>
internal sealed class NeuralBackprop
{
    private readonly NeuralLayers _layers;
    private readonly float[] _gate;
    private readonly float[] _activations;
    private readonly int[] _activationOffsets;
    private readonly float[] _delta;
    private readonly float[] _deltaBelow;

    public NeuralBackprop(NeuralLayers layers)
    {
        _layers = layers;
        _gate = new float[layers.InputWidth(0)];
        _activations = new float[layers.ActivationCount];
        _activationOffsets = new int[layers.LayerCount + 1];
        for (int l = 1; l <= layers.LayerCount; l++)
        {
            _activationOffsets[l] = _activationOffsets[l - 1] + layers.Widths[l - 1];
        }

        _delta = new float[layers.MaxWidth];
        _deltaBelow = new float[layers.MaxWidth];
    }

    /// <summary>
    /// Runs one rating and adds <paramref name="gradientScale"/> · ∂(r̂ − r)²/∂θ to the gradients.
    /// </summary>
    /// <param name="state">The parameters.</param>
    /// <param name="user">A dense user index.</param>
    /// <param name="item">A dense item index.</param>
    /// <param name="rating">The observed rating r.</param>
    /// <param name="dropout">The dropout probability of the first layer's inputs (0 for none).</param>
    /// <param name="dropoutRng">The generator of this rating's dropout mask.</param>
    /// <param name="gradientScale">Multiplies every gradient, e.g. 1/batch for a mean loss.</param>
    /// <param name="denseGradient">The layers' gradient, accumulated into.</param>
    /// <param name="inputGradient">Receives the gradient of the user embedding, then of the item embedding.</param>
    /// <param name="biasGradient">Receives the gradient of b_u (equal to that of b_i).</param>
    /// <returns>The error r̂ − r.</returns>
    public float Run(
        NeuralState state,
        int user,
        int item,
        float rating,
        float dropout,
        SplitMix64 dropoutRng,
        float gradientScale,
        Span<float> denseGradient,
        Span<float> inputGradient,
        out float biasGradient)
    {
        ReadOnlySpan<float> parameters = _layers.Parameters;
        int userFactors = state.UserFactors;
        Span<float> input = Activation(0);
        Gate(state.UserEmbeddings.Row(user), input[..userFactors], _gate.AsSpan(0, userFactors), dropout, ref dropoutRng);
        Gate(state.ItemEmbeddings.Row(item), input[userFactors..], _gate.AsSpan(userFactors), dropout, ref dropoutRng);
        int last = _layers.LayerCount - 1;
        for (int l = 0; l <= last; l++)
        {
            _layers.Forward(parameters, l, Activation(l), Activation(l + 1));
        }

        float z = Activation(last + 1)[0];
        if (state.UserBiases is not null)
        {
            z += state.UserBiases.Values[user] + state.ItemBiases!.Values[item];
        }

        float error = state.Output.Apply(z) - rating;
        float dz = 2f * gradientScale * error * state.Output.Derivative(z);
        biasGradient = dz;

        Span<float> delta = _delta.AsSpan(0, 1);
        delta[0] = dz;
        for (int l = last; l >= 0; l--)
        {
            int inWidth = _layers.InputWidth(l);
            int outWidth = _layers.OutputWidth(l);
            ReadOnlySpan<float> below = Activation(l);
            ReadOnlySpan<float> weights = parameters.Slice(_layers.WeightOffset(l), inWidth * outWidth);
            Span<float> weightGradient = denseGradient.Slice(_layers.WeightOffset(l), inWidth * outWidth);
            Span<float> biasGradients = denseGradient.Slice(_layers.BiasOffset(l), outWidth);
            Span<float> deltaBelow = _deltaBelow.AsSpan(0, inWidth);
            ReadOnlySpan<float> d = delta[..outWidth];
            FactorKernels.Axpy(1f, d, biasGradients);

            // Only inputs that are nonzero matter: a zero input adds nothing to the weight gradient,
            // and below the first layer it is a ReLU (or dropout) that passes no gradient down either.
            for (int k = 0; k < inWidth; k++)
            {
                float a = below[k];
                if (a == 0f)
                {
                    deltaBelow[k] = 0f;
                    continue;
                }

                NeuralVectorOps.Axpy(a, d, weightGradient.Slice(k * outWidth, outWidth));
                deltaBelow[k] = NeuralVectorOps.Dot(weights.Slice(k * outWidth, outWidth), d);
            }

            if (l == 0)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(deltaBelow, _gate, inputGradient);
                break;
            }

            Span<float> next = _delta.AsSpan(0, inWidth);
            deltaBelow.CopyTo(next);
            delta = next;
        }

        return error;
    }

    private Span<float> Activation(int index) =>
        _activations.AsSpan(_activationOffsets[index], _layers.Widths[index]);

    /// <summary>
    /// input ← ReLU(embedding) with inverted dropout; gate ← ∂input/∂embedding (0, or 1/(1 − p) where kept and positive).
    /// Sixteen random bits decide each element, four per draw, which is plenty for a dropout rate.
    /// </summary>
    private static void Gate(ReadOnlySpan<float> embedding, Span<float> input, Span<float> gate, float dropout, ref SplitMix64 rng)
    {
        float keep = 1f / (1f - dropout);
        uint threshold = (uint)(dropout * 65536f);
        ulong bits = 0;
        for (int k = 0; k < embedding.Length; k++)
        {
            float scale = 1f;
            if (dropout > 0f)
            {
                if ((k & 3) == 0)
                {
                    bits = rng.NextUInt64();
                }

                scale = (uint)(bits & 0xFFFF) < threshold ? 0f : keep;
                bits >>= 16;
            }

            float g = embedding[k] > 0f ? scale : 0f;
            gate[k] = g;
            input[k] = embedding[k] * g;
        }
    }
}
