namespace MatrixFactorization.Training;

/// <summary>
/// The parameters a training run updates in place, as the epoch loop sees them: a few spans of
/// floats it can copy aside and back (to keep the best epoch), and a check for divergence beyond
/// the loss.
/// </summary>
internal interface ITrainingState
{
    /// <summary>How many spans <see cref="ParameterSpan"/> gives.</summary>
    int ParameterSpanCount { get; }

    /// <summary>One span of the parameters the trained model reads. Optimizer state (gradients,
    /// moments) is left out: a restored model is final, never trained further.</summary>
    Span<float> ParameterSpan(int index);

    /// <summary>Whether the parameters that the loss does not already vouch for are finite.</summary>
    bool IsFinite();
}
