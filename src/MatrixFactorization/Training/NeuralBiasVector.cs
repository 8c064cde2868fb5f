namespace MatrixFactorization.Training;

/// <summary>One bias per user or item with its gradient and Adam moments.</summary>
internal sealed class NeuralBiasVector(int length)
{
    public float[] Values { get; } = new float[length];

    public float[] Gradient { get; } = new float[length];

    public float[] M { get; } = new float[length];

    public float[] V { get; } = new float[length];
}
