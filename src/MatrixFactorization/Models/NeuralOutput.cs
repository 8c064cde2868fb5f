namespace MatrixFactorization.Models;

/// <summary>
/// How a <see cref="NeuralModel"/> turns the network's raw value z (plus b_u + b_i with the bias
/// path) into a rating: μ + z, or, squashed, lo + (hi − lo)·σ(z + c) with c chosen so z = 0 gives μ.
/// Either way an untrained network predicts the global mean, which is where training should start.
/// </summary>
internal readonly struct NeuralOutput
{
    private readonly float _shift;

    public NeuralOutput(float mean, bool squash, float low, float high)
    {
        Mean = mean;
        Squash = squash;
        Low = low;
        High = high;
        if (squash)
        {
            float p = Math.Clamp((mean - low) / (high - low), 1e-4f, 1f - 1e-4f);
            _shift = MathF.Log(p / (1f - p));
        }
    }

    public float Mean { get; }

    public bool Squash { get; }

    /// <summary>The bottom of the squashed range (unused unsquashed).</summary>
    public float Low { get; }

    /// <summary>The top of the squashed range (unused unsquashed).</summary>
    public float High { get; }

    public static NeuralOutput Create(float mean, bool squash, float scaleMin, float scaleMax, float margin) =>
        squash ? new(mean, true, scaleMin - margin, scaleMax + margin) : new(mean, false, 0f, 0f);

    /// <summary>The rating for a raw value.</summary>
    public float Apply(float z) => Squash ? Low + ((High - Low) * Sigmoid(z + _shift)) : Mean + z;

    /// <summary>d rating / d z.</summary>
    public float Derivative(float z)
    {
        if (!Squash)
        {
            return 1f;
        }

        float s = Sigmoid(z + _shift);
        return (High - Low) * s * (1f - s);
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
