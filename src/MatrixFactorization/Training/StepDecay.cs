namespace MatrixFactorization.Training;

/// <summary>
/// A rate multiplied by <paramref name="factor"/> once every <paramref name="stepEpochs"/> epochs:
/// η_e = η · factor^⌊(e − 1) / stepEpochs⌋. A step length of 0 keeps the rate constant.
/// </summary>
internal sealed class StepDecay(float initial, float factor, int stepEpochs) : ILearningRateSchedule
{
    public float RateAt(int epoch) =>
        stepEpochs == 0 ? initial : initial * MathF.Pow(factor, (epoch - 1) / stepEpochs);
}
