namespace MatrixFactorization.Training;

/// <summary>One rate for every epoch; 0 for a trainer that has no learning rate (the baseline's least squares).</summary>
internal sealed class ConstantLearningRate(float rate) : ILearningRateSchedule
{
    public float RateAt(int epoch) => rate;
}
