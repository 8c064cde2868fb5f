namespace MatrixFactorization.Training;

/// <summary>ReLU and inverted dropout of an embedding on its way into the first layer.</summary>
internal static class NeuralGate
{
    /// <summary>
    /// input ← ReLU(embedding) with inverted dropout; gate ← ∂input/∂embedding (0, or 1/(1 − p) where kept and positive).
    /// Sixteen random bits decide each element, four per draw, which is plenty for a dropout rate.
    /// </summary>
    /// <remarks>Whether an element is kept or positive is a coin flip, so it is applied with a bit
    /// mask rather than a branch, which would mispredict half the time.</remarks>
    public static void Apply(ReadOnlySpan<float> embedding, Span<float> input, Span<float> gate, float dropout, ref SplitMix64 rng)
    {
        int length = embedding.Length;
        input = input[..length];
        gate = gate[..length];
        if (dropout <= 0f)
        {
            for (int k = 0; k < length; k++)
            {
                float e = embedding[k];
                float g = Select(e > 0f, 1f);
                gate[k] = g;
                input[k] = e * g;
            }

            return;
        }

        float keep = 1f / (1f - dropout);
        uint threshold = (uint)(dropout * 65536f);
        for (int start = 0; start < length; start += 4)
        {
            ulong bits = rng.NextUInt64();
            int end = Math.Min(start + 4, length);
            for (int k = start; k < end; k++)
            {
                float e = embedding[k];
                bool kept = (uint)(bits & 0xFFFF) >= threshold;
                float g = Select(kept & (e > 0f), keep);
                gate[k] = g;
                input[k] = e * g;
                bits >>= 16;
            }
        }
    }

    /// <summary><paramref name="value"/> when the condition holds, else +0, without a branch.</summary>
    private static float Select(bool condition, float value)
    {
        int mask = -(condition ? 1 : 0);
        return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(value) & mask);
    }
}
