namespace MatrixFactorization.Tests.Kernels;

/// <summary>
/// Independent reference implementations in double precision, written from the documented formulas.
/// Each returns the exact-ish value and the magnitude scale that float rounding errors are relative to.
/// </summary>
internal static class Oracle
{
    public static (double Value, double Scale) Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double sum = 0, scale = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double product = (double)x[i] * y[i];
            sum += product;
            scale += Math.Abs(product);
        }

        return (sum, scale);
    }

    /// <summary>p + η(e·q − λ·p) for one coordinate; also the q update with the roles swapped.</summary>
    public static (double Value, double Scale) Sgd(double x, double other, double error, double learningRate, double regularization)
    {
        // The kernels' grouping, (1 − ηλ)·x + ηe·other: equal to x + η(e·other − λx) for finite
        // values, and it keeps an infinite x infinite instead of turning it into ∞ − ∞ = NaN.
        double value = ((1 - (learningRate * regularization)) * x) + (learningRate * error * other);
        double scale = Math.Abs(x) + (Math.Abs(learningRate) * (Math.Abs(error * other) + Math.Abs(regularization * x)));
        return (value, scale);
    }

    /// <summary>One AdamW coordinate, as PyTorch's AdamW defines it.</summary>
    public static (double Theta, double ThetaScale, double M, double V) Adam(
        double theta, double gradient, double m, double v, double learningRate, double beta1, double beta2, double epsilon, double weightDecay, int step)
    {
        double decayed = theta * (1 - (learningRate * weightDecay));
        double newM = (beta1 * m) + ((1 - beta1) * gradient);
        double newV = (beta2 * v) + ((1 - beta2) * gradient * gradient);
        double correction1 = 1 - Math.Pow(beta1, step);
        double correction2 = 1 - Math.Pow(beta2, step);
        double denominator = (Math.Sqrt(newV) / Math.Sqrt(correction2)) + epsilon;
        double stepSize = learningRate / correction1;
        double value = decayed - (stepSize * newM / denominator);
        double scale = Math.Abs(theta) + (stepSize * (Math.Abs(beta1 * m) + Math.Abs((1 - beta1) * gradient)) / denominator);
        return (value, scale, newM, newV);
    }

    public static double Norm(ReadOnlySpan<float> x) => Math.Sqrt(Dot(x, x).Value);
}
