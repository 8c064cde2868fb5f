namespace MatrixFactorization.Training;

/// <summary>
/// One phase of a learning-rate schedule (<see cref="NeuralOptions.LearningRateSchedule"/>): a
/// number of epochs trained at one rate.
/// </summary>
/// <param name="Epochs">How many epochs the phase lasts, in [1, 100000].</param>
/// <param name="LearningRate">The Adam learning rate during the phase, finite and &gt; 0.</param>
public readonly record struct LearningRatePhase(int Epochs, float LearningRate);
