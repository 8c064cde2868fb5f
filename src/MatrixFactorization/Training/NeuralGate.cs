using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MatrixFactorization.Foundation;

namespace MatrixFactorization.Training;

/// <summary>ReLU and inverted dropout of an embedding on its way into the first layer.</summary>
internal static class NeuralGate
{
    /// <summary>
    /// input ← ReLU(embedding) with inverted dropout; gate ← ∂input/∂embedding (0, or 1/(1 − p) where kept and positive).
    /// Sixteen random bits decide each element, four per draw (element k gets bits 16·(k mod 4) and up
    /// of draw k / 4), which is plenty for a dropout rate.
    /// </summary>
    /// <remarks>Whether an element is kept or positive is a coin flip, so it is applied with a bit
    /// mask rather than a branch, which would mispredict half the time; eight elements at a time
    /// where the hardware has 256-bit vectors.</remarks>
    public static void Apply(ReadOnlySpan<float> embedding, Span<float> input, Span<float> gate, float dropout, ref SplitMix64 rng)
    {
        int length = embedding.Length;
        input = input[..length];
        gate = gate[..length];
        bool drop = dropout > 0f;
        float keep = drop ? 1f / (1f - dropout) : 1f;
        uint threshold = (uint)(dropout * 65536f);
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float es = ref MemoryMarshal.GetReference(embedding);
            ref float ins = ref MemoryMarshal.GetReference(input);
            ref float gs = ref MemoryMarshal.GetReference(gate);
            Vector256<float> keepVector = Vector256.Create(keep);
            Vector256<uint> thresholdVector = Vector256.Create(threshold);
            for (; k <= length - 8; k += 8)
            {
                Vector256<float> e = Vector256.LoadUnsafe(ref es, (nuint)k);
                Vector256<float> g = Vector256.GreaterThan(e, Vector256<float>.Zero) & keepVector;
                if (drop)
                {
                    // Two draws are eight 16-bit fields in element order (little-endian).
                    Vector128<ushort> fields = Vector128.Create(rng.NextUInt64(), rng.NextUInt64()).AsUInt16();
                    Vector256<uint> bits = Vector256.Create(Vector128.WidenLower(fields), Vector128.WidenUpper(fields));
                    g &= Vector256.GreaterThanOrEqual(bits, thresholdVector).AsSingle();
                }

                g.StoreUnsafe(ref gs, (nuint)k);
                (e * g).StoreUnsafe(ref ins, (nuint)k);
            }
        }

        // What is left starts at a multiple of eight, so at the start of a draw.
        ulong draw = 0;
        for (; k < length; k++)
        {
            bool kept = true;
            if (drop)
            {
                if ((k & 3) == 0)
                {
                    draw = rng.NextUInt64();
                }

                kept = (uint)(draw & 0xFFFF) >= threshold;
                draw >>= 16;
            }

            float e = embedding[k];
            float g = Select(kept & (e > 0f), keep);
            gate[k] = g;
            input[k] = e * g;
        }
    }

    /// <summary><paramref name="value"/> when the condition holds, else +0, without a branch.</summary>
    private static float Select(bool condition, float value)
    {
        int mask = -(condition ? 1 : 0);
        return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(value) & mask);
    }
}
