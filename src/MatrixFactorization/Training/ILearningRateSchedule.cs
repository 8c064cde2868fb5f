namespace MatrixFactorization.Training;

/// <summary>The learning rate of each epoch, as the epoch loop asks for it.</summary>
internal interface ILearningRateSchedule
{
    /// <summary>The rate of a 1-based epoch. The loop asks for epochs 1, 2, 3, … in order, once each.</summary>
    float RateAt(int epoch);
}
