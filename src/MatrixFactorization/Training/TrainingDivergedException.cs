using System.Globalization;

namespace MatrixFactorization.Training;

/// <summary>Training produced a non-finite loss: the learning rate is too high for the data, or
/// regularization too weak. No model is returned.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for a divergent epoch.</summary>
    /// <param name="epoch">The 1-based epoch whose loss was not finite.</param>
    /// <param name="learningRate">The learning rate in that epoch.</param>
    public TrainingDivergedException(int epoch, float learningRate)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"Training diverged in epoch {epoch}: the loss is not finite at learning rate {learningRate}. Lower the learning rate (try {learningRate / 4}) or raise the regularization."))
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

    /// <summary>The 1-based epoch whose loss was not finite (0 when unknown).</summary>
    public int Epoch { get; }

    /// <summary>The learning rate in that epoch.</summary>
    public float LearningRate { get; }
}
