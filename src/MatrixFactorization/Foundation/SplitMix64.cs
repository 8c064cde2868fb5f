using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Foundation;

/// <summary>
/// A small, fast, seedable generator (Steele, Lea and Flood 2014). Its sequence is fixed by the
/// seed alone, on every runtime and platform, which the reproducibility promise depends on.
/// </summary>
internal struct SplitMix64
{
    /// <summary>The step the state advances by on every draw: 2^64 divided by the golden ratio, made odd.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>A generator for a sub-stream, e.g. one block or one epoch, independent of the others.</summary>
    /// <remarks>The seed enters rotated by 32 bits, so a seed below 2^32 sits in the high half, clear
    /// of small stream numbers, and a larger seed still keeps all 64 of its bits.</remarks>
    public static SplitMix64 For(ulong seed, long stream, long salt = 0)
    {
        var mixer = new SplitMix64(BitOperations.RotateLeft(seed, 32) ^ (ulong)stream ^ ((ulong)salt * Gamma));
        return new SplitMix64(mixer.NextUInt64());
    }

    /// <summary>Jumps ahead as if <paramref name="draws"/> values had been drawn: the state only ever advances by a constant.</summary>
    public void Skip(ulong draws) => _state += draws * Gamma;

    public ulong NextUInt64() => Mix(_state += Gamma);

    /// <summary>
    /// The next eight values of <see cref="NextInt"/> for <paramref name="bound"/>, lane k the
    /// (k + 1)-th, without drawing them: the state advances by a constant, so eight successive
    /// states are one vector, mixed lane by lane. <see cref="Skip"/> then takes as many as are used.
    /// </summary>
    /// <remarks>Only where <see cref="Vector512.IsHardwareAccelerated"/> and 64-bit lane products are native (AVX-512DQ).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly Vector512<ulong> PeekInts(int bound)
    {
        Vector512<ulong> z = Vector512.Create(_state) + (Vector512.Create(Gamma) * (Vector512<ulong>.Indices + Vector512<ulong>.One));
        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Vector512.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Vector512.Create(0x94D049BB133111EBUL);
        z ^= Vector512.ShiftRightLogical(z, 31);
        return Vector512.ShiftRightLogical(Vector512.ShiftRightLogical(z, 32) * Vector512.Create((ulong)(uint)bound), 32);
    }

    /// <summary>
    /// The generator's output function (Stafford's variant 13 of the MurmurHash3 finalizer): a
    /// bijection of 64-bit values that spreads every input bit over the whole output, also used on
    /// its own to derive independent seeds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 24 bits, exact in float.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform in [0, 1) with 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, bound) (Lemire's multiply-shift; bias below 2^-32 for the sizes used).</summary>
    public int NextInt(int bound) => (int)(((NextUInt64() >> 32) * (ulong)bound) >> 32);

    /// <summary>Standard normal by Box–Muller.</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with standard normal draws in single precision by the
    /// ziggurat method (<see cref="NormalZiggurat"/>): each 64-bit draw gives two candidates of 32
    /// bits, seven picking a layer and 25 a signed coordinate, and about 99% of candidates are
    /// accepted with one comparison and no logarithm (1.8 times faster than the polar method,
    /// which takes one for every pair).
    /// </summary>
    /// <param name="destination">The span to fill.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void NextGaussians(Span<float> destination)
    {
        int k = 0;
        while (k < destination.Length)
        {
            ulong bits = NextUInt64();
            if (TryNormal((uint)(bits >> 32), out float first))
            {
                destination[k++] = first;
                if (k == destination.Length)
                {
                    break;
                }
            }

            if (TryNormal((uint)bits, out float second))
            {
                destination[k++] = second;
            }
        }
    }

    /// <summary>
    /// One ziggurat candidate from 32 bits; false when it is rejected (a wedge miss). Inlined with
    /// its rare paths: moving them to a call exposes the generator's state to memory, and the
    /// common path measured half again slower.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryNormal(uint bits, out float value)
    {
        int layer = (int)(bits & (NormalZiggurat.Layers - 1));

        // The upper 25 bits as a signed fraction in [−1, 1).
        float u = (int)(bits & ~(uint)(NormalZiggurat.Layers - 1)) * (1f / (1u << 31));
        float edge = NormalZiggurat.Edge[layer];
        if (MathF.Abs(u) < NormalZiggurat.Inner[layer])
        {
            value = u * edge;
            return true;
        }

        if (layer == 0)
        {
            value = Tail(u < 0);
            return true;
        }

        // The wedge between the layer's inner rectangle and the curve: accept under the density.
        double x = u * (double)edge;
        double below = NormalZiggurat.Density[layer];
        double above = NormalZiggurat.Density[layer + 1];
        value = (float)x;
        return below + (NextDouble() * (above - below)) < Math.Exp(-0.5 * x * x);
    }

    /// <summary>A draw beyond <see cref="NormalZiggurat.TailStart"/> (Marsaglia's tail method).</summary>
    private float Tail(bool negative)
    {
        const double Start = NormalZiggurat.TailStart;
        double x, y;
        do
        {
            x = -Math.Log(1.0 - NextDouble()) / Start;
            y = -Math.Log(1.0 - NextDouble());
        }
        while (2 * y < x * x);

        return (float)(negative ? -(Start + x) : Start + x);
    }

    /// <summary>Fisher–Yates shuffle.</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (int k = values.Length - 1; k > 0; k--)
        {
            int j = NextInt(k + 1);
            (values[k], values[j]) = (values[j], values[k]);
        }
    }
}
