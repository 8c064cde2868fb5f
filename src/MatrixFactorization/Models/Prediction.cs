namespace MatrixFactorization.Models;

/// <summary>A predicted rating and whether the model or a fallback produced it.</summary>
/// <param name="Value">The predicted rating, never NaN.</param>
/// <param name="Source">Whether the model scored the pair or a fallback was used.</param>
public readonly record struct Prediction(float Value, PredictionSource Source)
{
    /// <summary>Whether a fallback (not the learned interaction) produced the value.</summary>
    public bool IsFallback => Source != PredictionSource.Model;
}
