namespace MatrixFactorization.Training;

/// <summary>What a trainer's options ask of the epoch loop.</summary>
/// <param name="Epochs">The most epochs to run.</param>
/// <param name="Schedule">Each epoch's learning rate.</param>
/// <param name="EarlyStoppingPatience">Epochs without a better validation RMSE before stopping; 0 never stops early.</param>
internal readonly record struct EpochPlan(int Epochs, ILearningRateSchedule Schedule, int EarlyStoppingPatience);
