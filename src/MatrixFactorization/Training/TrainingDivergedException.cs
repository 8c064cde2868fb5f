using System.Globalization;

namespace MatrixFactorization.Training;

/// <summary>
/// Training diverged: an epoch's loss became non-finite, or, for a trainer with a learning rate
/// (plain and biased MF, the neural model, BPR), its reported training loss exceeded twice the
/// worst loss of an untrained model: for a rating model a training RMSE above
/// 2 · max(Max − Min, |Min|, |Max|) of the training rating scale (10 for ratings of 0.5 to 5), for
/// BPR a loss above 2√(ln 2) ≈ 1.67. The learning rate is too high for the data, or the
/// regularization too weak. No model is returned.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for a divergent epoch.</summary>
    /// <param name="epoch">The 1-based epoch whose loss was not finite.</param>
    /// <param name="learningRate">The learning rate in that epoch.</param>
    public TrainingDivergedException(int epoch, float learningRate)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"Training diverged in epoch {epoch}: the loss is not finite at learning rate {learningRate}. {Advice(learningRate)}"))
    {
        Epoch = epoch;
        LearningRate = learningRate;
    }

    /// <summary>Creates the exception for an epoch whose finite loss passed the divergence bound.</summary>
    /// <param name="epoch">The 1-based epoch.</param>
    /// <param name="learningRate">The learning rate in that epoch.</param>
    /// <param name="loss">The epoch's training loss, as an <see cref="EpochReport"/> would report it.</param>
    /// <param name="bound">The bound it exceeded.</param>
    internal TrainingDivergedException(int epoch, float learningRate, double loss, double bound)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"Training diverged in epoch {epoch}: the training loss {loss:G4} exceeds {bound:G4}, twice the worst loss of an untrained model, at learning rate {learningRate}. {Advice(learningRate)}"))
    {
        Epoch = epoch;
        LearningRate = learningRate;
    }

    /// <summary>Creates the exception with a plain message.</summary>
    public TrainingDivergedException()
    {
    }

    /// <summary>Creates the exception with a plain message.</summary>
    /// <param name="message">What happened.</param>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a plain message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The 1-based epoch that diverged (0 when unknown).</summary>
    public int Epoch { get; }

    /// <summary>The learning rate in that epoch.</summary>
    public float LearningRate { get; }

    private static string Advice(float learningRate) => string.Create(
        CultureInfo.InvariantCulture,
        $"Lower the learning rate (the options' LearningRate or LearningRateSchedule, --learning-rate on the command line) from {learningRate} to {learningRate / 4} or less, or raise the regularization.");
}
