using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

/// <summary>
/// The per-row AdaGrad update written as plain scalar loops, unfused: one pass per reduction, the
/// vector lanes and accumulators spelled out as arrays, so that it performs the kernels' float
/// operations in their order (FMA where they use FMA) and must agree with them bit for bit.
/// </summary>
internal static class AdaGradReference
{
    /// <summary>Updates the rows and accumulators as the kernel on <paramref name="path"/> should; returns the error.</summary>
    public static float Update(
        KernelPath path, float[] p, float[] q, ref float gp, ref float gq, float value, float baseline, float learningRate, float regP, float regQ, float inverseCount)
    {
        int width = Width(path, p.Length);

        // Vector128 fuses only where the hardware has FMA; the wider paths and the scalar loop always do.
        bool fused = width != 4 || Fma.IsSupported || AdvSimd.IsSupported;
        float pq = Reduce(p, q, width, fused);
        float pp = Reduce(p, p, width, fused);
        float qq = Reduce(q, q, width, fused);

        // LIBMF's order: the rates from the accumulators as they were, the squared gradients added after the step.
        float rateP = learningRate / MathF.Sqrt(gp);
        float rateQ = learningRate / MathF.Sqrt(gq);
        float error = value - (baseline + pq);
        float gainP = rateP * error, decayP = 1f - (rateP * regP);
        float gainQ = rateQ * error, decayQ = 1f - (rateQ * regQ);

        for (int i = 0; i < p.Length; i++)
        {
            float pOld = p[i], qOld = q[i];
            p[i] = MultiplyAdd(gainP, qOld, decayP * pOld, fused);
            q[i] = MultiplyAdd(gainQ, pOld, decayQ * qOld, fused);
        }

        float twoError = error + error;
        float errorSquared = error * error;
        float normP = (regP * ((regP * pp) - (twoError * pq))) + (errorSquared * qq);
        float normQ = (regQ * ((regQ * qq) - (twoError * pq))) + (errorSquared * pp);
        gp += MathF.Max(normP, 0f) * inverseCount;
        gq += MathF.Max(normQ, 0f) * inverseCount;
        return error;
    }

    /// <summary>Floats per vector of the path a row of this length runs on: the widest that fits.</summary>
    public static int Width(KernelPath path, int length) =>
        new[] { (KernelPath.Vector512, 16), (KernelPath.Vector256, 8), (KernelPath.Vector128, 4) }
            .Where(c => path >= c.Item1 && length >= c.Item2)
            .Select(c => c.Item2)
            .FirstOrDefault(1);

    private static float Reduce(float[] x, float[] y, int width, bool fused)
    {
        int n = x.Length;
        if (width == 1)
        {
            float sum = 0f;
            for (int i = 0; i < n; i++)
            {
                sum = MathF.FusedMultiplyAdd(x[i], y[i], sum);
            }

            return sum;
        }

        // Whole vectors: vector j into accumulator j mod 4, lane by lane.
        int whole = n - (n % width);
        var accumulators = new float[4, width];
        for (int j = 0; j < whole / width; j++)
        {
            for (int lane = 0; lane < width; lane++)
            {
                int i = (j * width) + lane;
                accumulators[j % 4, lane] = MultiplyAdd(x[i], y[i], accumulators[j % 4, lane], fused);
            }
        }

        var lanes = new float[width];
        for (int lane = 0; lane < width; lane++)
        {
            lanes[lane] = (accumulators[0, lane] + accumulators[1, lane]) + (accumulators[2, lane] + accumulators[3, lane]);
        }

        // The last vector ends at n; the lanes it shares with the whole vectors add +0.
        if (whole != n)
        {
            int counted = width - (n - whole);
            for (int lane = 0; lane < width; lane++)
            {
                int i = n - width + lane;
                lanes[lane] += lane < counted ? 0f : x[i] * y[i];
            }
        }

        // Halves folded together down to four lanes, then (l0 + l1) + (l2 + l3).
        for (int half = width / 2; half >= 4; half /= 2)
        {
            for (int lane = 0; lane < half; lane++)
            {
                lanes[lane] += lanes[lane + half];
            }
        }

        return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
    }

    private static float MultiplyAdd(float a, float b, float c, bool fused) => fused ? MathF.FusedMultiplyAdd(a, b, c) : (a * b) + c;
}
