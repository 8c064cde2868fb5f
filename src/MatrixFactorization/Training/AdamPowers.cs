using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>
/// β1ᵗ and β2ᵗ for every step a run can take, computed once: lazy Adam steps each row at its own
/// step count, and two <see cref="Math.Pow(double, double)"/> calls per row cost more than the
/// update of a short row itself.
/// </summary>
internal sealed class AdamPowers
{
    private readonly float _beta1;
    private readonly float _beta2;
    private readonly double[] _beta1Powers;
    private readonly double[] _beta2Powers;

    /// <param name="beta1">β1.</param>
    /// <param name="beta2">β2.</param>
    /// <param name="steps">The largest step the table covers; later steps are computed on demand.</param>
    public AdamPowers(float beta1, float beta2, int steps)
    {
        _beta1 = beta1;
        _beta2 = beta2;
        _beta1Powers = new double[steps + 1];
        _beta2Powers = new double[steps + 1];
        for (int t = 0; t <= steps; t++)
        {
            // Math.Pow rather than running products, so every step gets exactly the coefficients
            // AdamCoefficients.Create would give it.
            _beta1Powers[t] = Math.Pow(beta1, t);
            _beta2Powers[t] = Math.Pow(beta2, t);
        }
    }

    /// <summary>The coefficients of a 1-based step.</summary>
    public AdamCoefficients Coefficients(int step, float learningRate, float epsilon, float weightDecay) =>
        step < _beta1Powers.Length
            ? AdamCoefficients.FromPowers(learningRate, _beta1, _beta2, epsilon, weightDecay, _beta1Powers[step], _beta2Powers[step])
            : AdamCoefficients.Create(learningRate, _beta1, _beta2, epsilon, weightDecay, step);
}
