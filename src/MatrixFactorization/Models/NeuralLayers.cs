namespace MatrixFactorization.Models;

/// <summary>
/// The dense part of a <see cref="NeuralModel"/>: a stack of fully connected layers whose weights and
/// biases live in one flat array (layer by layer: the weight matrix input-major, in × out, then
/// the bias vector), so one optimizer call updates them all. Every layer but the last is followed by ReLU;
/// the last has one output.
/// </summary>
internal sealed class NeuralLayers
{
    private readonly int[] _widths;
    private readonly int[] _offsets;

    /// <param name="widths">The input width, then each layer's output width; the last must be 1.</param>
    /// <param name="parameters">The flat parameters, or null for zeros.</param>
    public NeuralLayers(int[] widths, float[]? parameters = null)
    {
        if (widths.Length < 2 || widths[^1] != 1)
        {
            throw new ArgumentException("A network needs an input width and an output layer of width 1.", nameof(widths));
        }

        _widths = widths;
        _offsets = new int[widths.Length];
        int offset = 0;
        for (int l = 0; l < widths.Length - 1; l++)
        {
            _offsets[l] = offset;
            offset += (widths[l] + 1) * widths[l + 1];
        }

        _offsets[^1] = offset;
        if (parameters is not null && parameters.Length != offset)
        {
            throw new ArgumentException($"Expected {offset} parameters, got {parameters.Length}.", nameof(parameters));
        }

        Parameters = parameters ?? new float[offset];
        MaxWidth = widths.Max();
    }

    /// <summary>The number of linear layers, the output layer included.</summary>
    public int LayerCount => _widths.Length - 1;

    /// <summary>The input width, then each layer's output width.</summary>
    public ReadOnlySpan<int> Widths => _widths;

    /// <summary>The widest activation vector, the input included.</summary>
    public int MaxWidth { get; }

    /// <summary>The total of all activation widths: what one forward pass keeps for backpropagation.</summary>
    public int ActivationCount => _widths.Sum();

    /// <summary>Every weight and bias, layer by layer.</summary>
    public float[] Parameters { get; }

    public int InputWidth(int layer) => _widths[layer];

    public int OutputWidth(int layer) => _widths[layer + 1];

    /// <summary>Where a layer's weight matrix starts in <see cref="Parameters"/>.</summary>
    public int WeightOffset(int layer) => _offsets[layer];

    /// <summary>Where a layer's bias vector starts in <see cref="Parameters"/>.</summary>
    public int BiasOffset(int layer) => _offsets[layer] + (_widths[layer] * _widths[layer + 1]);

    /// <summary>Runs one layer: output ← Wᵀ·input + b, then ReLU unless it is the last layer.</summary>
    /// <remarks>The weights are stored input-major (one row of output-width weights per input), so
    /// the product is a sum of rows scaled by the inputs, and the inputs that ReLU and dropout zeroed
    /// (most of them) cost nothing.</remarks>
    public void Forward(ReadOnlySpan<float> parameters, int layer, ReadOnlySpan<float> input, Span<float> output)
    {
        int inWidth = _widths[layer];
        int outWidth = _widths[layer + 1];
        ReadOnlySpan<float> weights = parameters.Slice(WeightOffset(layer), inWidth * outWidth);
        parameters.Slice(BiasOffset(layer), outWidth).CopyTo(output);
        for (int k = 0; k < inWidth; k++)
        {
            float x = input[k];
            if (x != 0f)
            {
                NeuralVectorOps.Axpy(x, weights.Slice(k * outWidth, outWidth), output);
            }
        }

        if (layer < LayerCount - 1)
        {
            System.Numerics.Tensors.TensorPrimitives.Max(output, 0f, output);
        }
    }

    /// <summary>The network's raw output for an input vector that is already rectified.</summary>
    /// <param name="input">The first layer's input.</param>
    /// <param name="scratch">Two vectors of <see cref="MaxWidth"/>, overwritten.</param>
    public float Evaluate(ReadOnlySpan<float> input, Span<float> scratch)
    {
        Span<float> a = scratch[..MaxWidth];
        Span<float> b = scratch.Slice(MaxWidth, MaxWidth);
        ReadOnlySpan<float> current = input;
        for (int l = 0; l < LayerCount; l++)
        {
            Span<float> next = (l & 1) == 0 ? a : b;
            Forward(Parameters, l, current, next[.._widths[l + 1]]);
            current = next[.._widths[l + 1]];
        }

        return current[0];
    }
}
