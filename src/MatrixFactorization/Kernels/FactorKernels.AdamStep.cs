using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

public static partial class FactorKernels
{
    /// <summary>
    /// One Adam step with decoupled weight decay (AdamW, as PyTorch's <c>AdamW</c>) over a parameter span.
    /// </summary>
    /// <remarks>
    /// <para>For each element, with t = <paramref name="step"/>:</para>
    /// <code>
    /// θ ← θ·(1 − lr·wd)
    /// m ← β1·m + (1 − β1)·g
    /// v ← β2·v + (1 − β2)·g²
    /// θ ← θ − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
    /// </code>
    /// <para>
    /// A <paramref name="weightDecay"/> of 0 gives plain Adam. The bias corrections are computed in double
    /// precision. The spans must not overlap; overlapping spans give unspecified results.
    /// </para>
    /// </remarks>
    /// <param name="parameters">Parameters θ, updated in place.</param>
    /// <param name="gradients">Gradients g of the loss with respect to θ.</param>
    /// <param name="m">First-moment estimates, updated in place; start at zero.</param>
    /// <param name="v">Second-moment estimates, updated in place; start at zero.</param>
    /// <param name="learningRate">Learning rate lr.</param>
    /// <param name="beta1">First-moment decay β1 in [0, 1), typically 0.9.</param>
    /// <param name="beta2">Second-moment decay β2 in [0, 1), typically 0.999.</param>
    /// <param name="epsilon">ε added to the denominator, typically 1e-8.</param>
    /// <param name="weightDecay">Decoupled weight decay wd.</param>
    /// <param name="step">The 1-based step number t, used for bias correction.</param>
    /// <exception cref="ArgumentException">The four spans do not all have the same length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is less than 1, or a β is outside [0, 1).</exception>
    internal static void AdamStep(
        Span<float> parameters,
        ReadOnlySpan<float> gradients,
        Span<float> m,
        Span<float> v,
        float learningRate,
        float beta1,
        float beta2,
        float epsilon,
        float weightDecay,
        int step) =>
        AdamStep(KernelDispatch.Active, parameters, gradients, m, v, learningRate, beta1, beta2, epsilon, weightDecay, step);

    internal static void AdamStep(
        KernelPath path,
        Span<float> parameters,
        ReadOnlySpan<float> gradients,
        Span<float> m,
        Span<float> v,
        float learningRate,
        float beta1,
        float beta2,
        float epsilon,
        float weightDecay,
        int step)
    {
        if (gradients.Length != parameters.Length)
        {
            ThrowHelper.LengthMismatch(nameof(gradients));
        }

        if (m.Length != parameters.Length)
        {
            ThrowHelper.LengthMismatch(nameof(m));
        }

        if (v.Length != parameters.Length)
        {
            ThrowHelper.LengthMismatch(nameof(v));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        CheckBeta(beta1, nameof(beta1));
        CheckBeta(beta2, nameof(beta2));

        var c = AdamCoefficients.Create(learningRate, beta1, beta2, epsilon, weightDecay, step);
        ref float ts = ref MemoryMarshal.GetReference(parameters);
        ref float gs = ref MemoryMarshal.GetReference(gradients);
        ref float ms = ref MemoryMarshal.GetReference(m);
        ref float vs = ref MemoryMarshal.GetReference(v);
        switch (KernelDispatch.ForLength(path, parameters.Length))
        {
            case KernelPath.Vector512:
                AdamStepKernel.Vector<Simd512, Vector512<float>>(ref ts, ref gs, ref ms, ref vs, parameters.Length, c);
                break;
            case KernelPath.Vector256:
                AdamStepKernel.Vector<Simd256, Vector256<float>>(ref ts, ref gs, ref ms, ref vs, parameters.Length, c);
                break;
            case KernelPath.Vector128:
                AdamStepKernel.Vector<Simd128, Vector128<float>>(ref ts, ref gs, ref ms, ref vs, parameters.Length, c);
                break;
            default:
                AdamStepKernel.Scalar(ref ts, ref gs, ref ms, ref vs, parameters.Length, c);
                break;
        }
    }

    /// <summary>
    /// <see cref="AdamStep(Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, float, float, float, float, float, int)"/>
    /// with precomputed coefficients and no checks, for a training loop that steps many short rows.
    /// The caller guarantees the four references each start <paramref name="length"/> ≥ 1 floats
    /// that do not overlap. Over a padded row, zero padding stays zero.
    /// </summary>
    internal static void AdamStepUnchecked(ref float theta, ref float gradient, ref float m, ref float v, int length, in AdamCoefficients c)
    {
        switch (KernelDispatch.ForLength(KernelDispatch.Active, length))
        {
            case KernelPath.Vector512:
                AdamStepKernel.Vector<Simd512, Vector512<float>>(ref theta, ref gradient, ref m, ref v, length, c);
                break;
            case KernelPath.Vector256:
                AdamStepKernel.Vector<Simd256, Vector256<float>>(ref theta, ref gradient, ref m, ref v, length, c);
                break;
            case KernelPath.Vector128:
                AdamStepKernel.Vector<Simd128, Vector128<float>>(ref theta, ref gradient, ref m, ref v, length, c);
                break;
            default:
                AdamStepKernel.Scalar(ref theta, ref gradient, ref m, ref v, length, c);
                break;
        }
    }

    private static void CheckBeta(float beta, string paramName)
    {
        // Written so NaN fails too.
        if (!(beta >= 0f && beta < 1f))
        {
            throw new ArgumentOutOfRangeException(paramName, beta, "Must be in [0, 1).");
        }
    }
}
