using Xunit.Sdk;

namespace MatrixFactorization.Tests.Kernels;

/// <summary>
/// Comparisons against double-precision oracles. Bounds are in units of float rounding
/// (u = 2⁻²⁴) times the magnitude of the terms that produced a value, so they stay meaningful when
/// a result cancels to near zero. Failures only build a message when they happen, which keeps
/// hundreds of thousands of checks fast.
/// </summary>
internal static class Tolerance
{
    public const double Unit = 1.0 / (1 << 24);

    /// <summary>Rounding budget for element-wise updates: a handful of operations, so 64 units is generous.</summary>
    public const double Elementwise = 64 * Unit;

    /// <summary>Worst-case bound for a float sum of <paramref name="terms"/> products in any order, with FMA or not.</summary>
    public static double Summation(int terms) => 2.0 * (terms + 4) * Unit;

    /// <summary>Checks one value; <paramref name="index"/>, if given, is appended to <paramref name="what"/> only on failure.</summary>
    public static void Close(float actual, double expected, double scale, double relative, string what, int index = -1)
    {
        if (double.IsNaN(expected))
        {
            if (!float.IsNaN(actual))
            {
                throw new XunitException($"{Name(what, index)}: expected NaN, got {actual:R}.");
            }

            return;
        }

        if (double.IsInfinity(expected))
        {
            if ((double)actual != expected)
            {
                throw new XunitException($"{Name(what, index)}: expected {expected}, got {actual:R}.");
            }

            return;
        }

        double error = Math.Abs(actual - expected);
        double bound = (relative * scale) + 1e-37;
        if (!(error <= bound))
        {
            throw new XunitException($"{Name(what, index)}: expected {expected:R} ± {bound:G3}, got {actual:R} (error {error:G3}).");
        }
    }

    /// <summary>Fails with a message naming the value, built only on failure.</summary>
    public static void True(bool condition, string what, int index = -1)
    {
        if (!condition)
        {
            throw new XunitException($"{Name(what, index)}: check failed.");
        }
    }

    private static string Name(string what, int index) => index < 0 ? what : $"{what} [{index}]";
}
