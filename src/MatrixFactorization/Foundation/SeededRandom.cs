using System.Runtime.CompilerServices;

namespace MatrixFactorization.Foundation;

/// <summary>
/// xoshiro256** seeded through SplitMix64: a small, fast generator whose output is fixed by its
/// seed on every platform and .NET version.
/// </summary>
/// <remarks>
/// <see cref="Random"/> with a seed is deterministic too, but its algorithm is documented as free
/// to change between .NET versions, and seeded splits and generated data sets must stay the same
/// for as long as people compare results against them.
/// </remarks>
internal struct SeededRandom
{
    private const double UnitScale = 1.0 / (1UL << 53);

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareGaussian;
    private bool _hasSpareGaussian;

    /// <summary>A generator whose four words of state are the first four draws of <see cref="SplitMix64"/> from <paramref name="seed"/>, as xoshiro's authors recommend.</summary>
    public SeededRandom(ulong seed)
    {
        var seeder = new SplitMix64(seed);
        _s0 = seeder.NextUInt64();
        _s1 = seeder.NextUInt64();
        _s2 = seeder.NextUInt64();
        _s3 = seeder.NextUInt64();
        _spareGaussian = 0;
        _hasSpareGaussian = false;
    }

    /// <summary>
    /// A generator for one independent stream, such as one user's ratings: the streams of
    /// different (seed, purpose, index) triples do not overlap in practice, so work can be split
    /// across threads in any way without changing what each stream draws.
    /// </summary>
    public static SeededRandom ForStream(ulong seed, ulong purpose, ulong index) =>
        new(SplitMix64.Mix(SplitMix64.Mix(seed ^ SplitMix64.Mix(purpose + SplitMix64.Gamma)) + index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * UnitScale;

    /// <summary>A uniform integer in [0, bound), without modulo bias (Lemire's method).</summary>
    public int NextInt(int bound)
    {
        ulong m = (ulong)(uint)NextUInt64() * (uint)bound;
        uint low = (uint)m;
        if (low < (uint)bound)
        {
            uint threshold = (uint)-bound % (uint)bound;
            while (low < threshold)
            {
                m = (ulong)(uint)NextUInt64() * (uint)bound;
                low = (uint)m;
            }
        }

        return (int)(m >> 32);
    }

    /// <summary>A standard normal deviate (Marsaglia's polar method, which yields them in pairs).</summary>
    public double NextGaussian()
    {
        if (_hasSpareGaussian)
        {
            _hasSpareGaussian = false;
            return _spareGaussian;
        }

        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        double scale = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * scale;
        _hasSpareGaussian = true;
        return u * scale;
    }

    /// <summary>Shuffles a span in place (Fisher–Yates).</summary>
    public void Shuffle(Span<int> values)
    {
        for (int k = values.Length - 1; k > 0; k--)
        {
            int j = NextInt(k + 1);
            (values[k], values[j]) = (values[j], values[k]);
        }
    }
}
