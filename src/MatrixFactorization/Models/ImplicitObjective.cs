using System.Globalization;

namespace MatrixFactorization.Models;

/// <summary>
/// What an implicit-feedback model was fitted to (Hu, Koren and Volinsky 2008): which stored values
/// count as interactions, how each becomes a confidence, and the regularization λ. Every user–item
/// pair is a preference p = 1 with confidence c where there is an interaction and p = 0 with
/// confidence 1 elsewhere, and the factors minimize
/// Σ_u Σ_i c_ui (p_ui − x_u·y_i)² + λ(Σ_u ‖x_u‖² + Σ_i ‖y_i‖²).
/// </summary>
/// <remarks>
/// The model keeps its objective so that a new or changed user can be solved against its item
/// factors with the very equations training used, also after it was saved and loaded. Valid once
/// made: each property rejects a bad value as it is set, with an <see cref="ArgumentOutOfRangeException"/>
/// naming it (checked here rather than by the trainers' option guard, which sits in a layer above the models).
/// </remarks>
public sealed record ImplicitObjective
{
    /// <summary>The default <see cref="InteractionThreshold"/>: ratings of 4 and above, the choice of cross-validation on MovieLens.</summary>
    internal const float DefaultThreshold = 4f;

    /// <summary>The default <see cref="Alpha"/>.</summary>
    internal const float DefaultAlpha = 2.5f;

    /// <summary>The default <see cref="Regularization"/>.</summary>
    internal const float DefaultRegularization = 50f;

    /// <summary>
    /// Stored values below this are not interactions and are left out; −∞ keeps every value, and
    /// NaN is refused. An interaction with a negative value w is negative feedback, as in the
    /// implicit library: preference p = 0 with the confidence of |w|.
    /// </summary>
    public float InteractionThreshold { get; init => field = Check(!float.IsNaN(value), value, nameof(InteractionThreshold), "a number or ±∞, not NaN"); } = DefaultThreshold;

    /// <summary>How a value becomes a confidence.</summary>
    public ConfidenceScaling Scaling { get; init => field = Check(Enum.IsDefined(value), value, nameof(Scaling), "Linear or Logarithmic"); } = ConfidenceScaling.Linear;

    /// <summary>α, ≥ 0: how much more an interaction is trusted than a missing one; 0 makes every confidence 1.</summary>
    public float Alpha { get; init => field = Check(float.IsFinite(value) && value >= 0, value, nameof(Alpha), "a finite number in [0, +inf)"); } = DefaultAlpha;

    /// <summary>ε, &gt; 0, of <see cref="ConfidenceScaling.Logarithmic"/> scaling: the value at which the logarithm starts to bend.</summary>
    public float Epsilon { get; init => field = Check(float.IsFinite(value) && value > 0, value, nameof(Epsilon), "a finite number in (0, +inf)"); } = 1f;

    /// <summary>λ, &gt; 0: the L2 penalty on every factor vector, not scaled by the number of interactions (as in Hu et al. and the implicit library).</summary>
    public float Regularization { get; init => field = Check(float.IsFinite(value) && value > 0, value, nameof(Regularization), "a finite number in (0, +inf)"); } = DefaultRegularization;

    /// <summary>Whether a stored value is an interaction: at least <see cref="InteractionThreshold"/>.</summary>
    internal bool IsInteraction(float value) => value >= InteractionThreshold;

    /// <summary>
    /// The signed confidence of an interaction's value: +c for a value w ≥ 0 (preference 1), −c for
    /// negative feedback w &lt; 0 (preference 0), where c ≥ 1 is the confidence of |w|.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite.</exception>
    internal float Confidence(float value)
    {
        if (!float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(
                nameof(value),
                value,
                string.Create(CultureInfo.InvariantCulture, $"An interaction's value must be finite, not {value}."));
        }

        double magnitude = Math.Abs((double)value);
        double scaled = Scaling == ConfidenceScaling.Linear ? magnitude : Math.Log(1 + (magnitude / Epsilon));
        float confidence = (float)(1 + (Alpha * scaled));
        return value < 0 ? -confidence : confidence;
    }

    private static T Check<T>(bool valid, T value, string name, string requirement) =>
        valid ? value : throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be {requirement}; got {value}."));
}
