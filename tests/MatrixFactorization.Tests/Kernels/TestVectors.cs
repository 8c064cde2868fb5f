namespace MatrixFactorization.Tests.Kernels;

internal static class TestVectors
{
    /// <summary>Deterministic uniform values in [min, max).</summary>
    public static float[] Uniform(int length, int seed, float min = -1f, float max = 1f)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = min + ((max - min) * random.NextSingle());
        }

        return values;
    }
}
