namespace MatrixFactorization.Training;

/// <summary>
/// A small, fast, seedable generator (Steele, Lea and Flood 2014). Its sequence is fixed by the
/// seed alone, on every runtime and platform, which the reproducibility promise depends on.
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>A generator for a sub-stream, e.g. one block or one epoch, independent of the others.</summary>
    public static SplitMix64 For(int seed, long stream, long salt = 0)
    {
        var mixer = new SplitMix64(((ulong)(uint)seed << 32) ^ (ulong)stream ^ ((ulong)salt * 0x9E3779B97F4A7C15UL));
        return new SplitMix64(mixer.NextUInt64());
    }

    /// <summary>Jumps ahead as if <paramref name="draws"/> values had been drawn: the state only ever advances by a constant.</summary>
    public void Skip(ulong draws) => _state += draws * 0x9E3779B97F4A7C15UL;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
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
    /// Fills <paramref name="destination"/> with standard normal draws by Marsaglia's polar method
    /// in single precision: one 64-bit draw gives a point in the square, points outside the unit
    /// disc are redrawn (about one in five), and each kept point gives two normals for one
    /// logarithm and no sine or cosine, several times faster than <see cref="NextGaussian"/>.
    /// </summary>
    /// <param name="destination">The span to fill.</param>
    public void NextGaussians(Span<float> destination)
    {
        const float Scale = 1f / (1u << 31);
        int k = 0;
        while (k < destination.Length)
        {
            ulong bits = NextUInt64();
            float x = (int)(bits >> 32) * Scale;
            float y = (int)bits * Scale;
            float s = (x * x) + (y * y);
            if (s >= 1f || s == 0f)
            {
                continue;
            }

            float factor = MathF.Sqrt(-2f * MathF.Log(s) / s);
            destination[k++] = x * factor;
            if (k < destination.Length)
            {
                destination[k++] = y * factor;
            }
        }
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
