using MatrixFactorization.Foundation;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Forward and backward pass of one rating through the network, with its own activation buffers
/// (one instance per shard, reused for every rating, so nothing is allocated while training).
/// </summary>
/// <remarks>
/// ReLU and dropout zero most inputs of every layer, in a pattern no branch predictor can learn, so
/// the pass never tests an activation in a loop that does work: it first lists the nonzero inputs of
/// a layer without branching, then loops over the list. Zero inputs add nothing to a layer's output
/// or weight gradient and pass no gradient down (the ReLU or dropout that zeroed them has derivative
/// zero there), so the list is all the work.
/// </remarks>
internal sealed class NeuralBackprop
{
    private readonly NeuralLayers _layers;
    private readonly float[] _gate;
    private readonly float[] _activations;
    private readonly int[] _activationOffsets;
    private readonly int[] _nonzero;
    private readonly int[] _nonzeroCounts;
    private readonly float[] _delta;
    private readonly float[] _deltaBelow;

    public NeuralBackprop(NeuralLayers layers)
    {
        _layers = layers;
        _gate = new float[layers.InputWidth(0)];
        _activations = new float[layers.ActivationCount];
        _nonzero = new int[layers.ActivationCount];
        _nonzeroCounts = new int[layers.LayerCount];
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
        int userFactors = state.UserEmbeddingLength;
        Span<float> input = Activation(0);
        NeuralGate.Apply(state.UserEmbeddings.Row(user), input[..userFactors], _gate.AsSpan(0, userFactors), dropout, ref dropoutRng);
        NeuralGate.Apply(state.ItemEmbeddings.Row(item), input[userFactors..], _gate.AsSpan(userFactors), dropout, ref dropoutRng);
        _nonzeroCounts[0] = NonzeroList.Write(input, Nonzero(0));
        int last = _layers.LayerCount - 1;
        for (int l = 0; l <= last; l++)
        {
            Forward(parameters, l);
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
            ReadOnlySpan<int> nonzero = Nonzero(l)[.._nonzeroCounts[l]];
            ReadOnlySpan<float> weights = parameters.Slice(_layers.WeightOffset(l), inWidth * outWidth);
            Span<float> weightGradient = denseGradient.Slice(_layers.WeightOffset(l), inWidth * outWidth);
            Span<float> biasGradients = denseGradient.Slice(_layers.BiasOffset(l), outWidth);
            Span<float> deltaBelow = l == 0 ? inputGradient : _deltaBelow.AsSpan(0, inWidth);
            ReadOnlySpan<float> d = delta[..outWidth];
            NeuralVectorOps.Axpy(1f, d, biasGradients);
            deltaBelow.Clear();
            if (outWidth == 1)
            {
                // The output layer: one weight per input, so plain scalar steps beat one-lane vectors.
                float d0 = d[0];
                foreach (int k in nonzero)
                {
                    weightGradient[k] += below[k] * d0;
                    deltaBelow[k] = weights[k] * d0;
                }
            }
            else
            {
                foreach (int k in nonzero)
                {
                    deltaBelow[k] = NeuralVectorOps.AxpyDot(
                        below[k], d, weightGradient.Slice(k * outWidth, outWidth), weights.Slice(k * outWidth, outWidth));
                }
            }

            if (l == 0)
            {
                // ∂input/∂embedding is the gate, zero wherever the input was.
                foreach (int k in nonzero)
                {
                    deltaBelow[k] *= _gate[k];
                }

                break;
            }

            Span<float> next = _delta.AsSpan(0, inWidth);
            deltaBelow.CopyTo(next);
            delta = next;
        }

        return error;
    }

    /// <summary>Runs layer l over its listed nonzero inputs: output ← Wᵀ·input + b, then ReLU (and the
    /// next layer's nonzero list) unless it is the last layer.</summary>
    private void Forward(ReadOnlySpan<float> parameters, int l)
    {
        int inWidth = _layers.InputWidth(l);
        int outWidth = _layers.OutputWidth(l);
        ReadOnlySpan<float> input = Activation(l);
        ReadOnlySpan<int> nonzero = Nonzero(l)[.._nonzeroCounts[l]];
        ReadOnlySpan<float> weights = parameters.Slice(_layers.WeightOffset(l), inWidth * outWidth);
        Span<float> output = Activation(l + 1);
        parameters.Slice(_layers.BiasOffset(l), outWidth).CopyTo(output);
        NeuralVectorOps.AddRows(input, nonzero, weights, outWidth, output);

        if (l < _layers.LayerCount - 1)
        {
            System.Numerics.Tensors.TensorPrimitives.Max(output, 0f, output);
            _nonzeroCounts[l + 1] = NonzeroList.Write(output, Nonzero(l + 1));
        }
    }

    private Span<float> Activation(int index) =>
        _activations.AsSpan(_activationOffsets[index], _layers.Widths[index]);

    private Span<int> Nonzero(int index) =>
        _nonzero.AsSpan(_activationOffsets[index], _layers.Widths[index]);
}
