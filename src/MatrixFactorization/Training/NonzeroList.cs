using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Training;

/// <summary>
/// Lists the positions of the nonzero values of an activation vector, without a branch per value:
/// ReLU and dropout make zero and nonzero a coin flip, which a branch would mispredict half the time.
/// </summary>
internal static class NonzeroList
{
    /// <summary>For each 8-bit mask, the positions of its set bits in order, padded to eight entries.</summary>
    private static readonly int[] s_positions = BuildTable();

    /// <summary>Writes the positions of the nonzero (or NaN) values, in order.</summary>
    /// <param name="values">The values.</param>
    /// <param name="positions">At least as long as <paramref name="values"/>; overwritten beyond the count too.</param>
    /// <returns>How many there are.</returns>
    public static int Write(ReadOnlySpan<float> values, Span<int> positions)
    {
        if (positions.Length < values.Length)
        {
            throw new ArgumentException("positions is shorter than values.", nameof(positions));
        }

        int count = 0;
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float vs = ref MemoryMarshal.GetReference(values);
            ref int ps = ref MemoryMarshal.GetReference(positions);
            ref int table = ref MemoryMarshal.GetArrayDataReference(s_positions);
            for (; k <= values.Length - 8; k += 8)
            {
                uint zero = Vector256.Equals(Vector256.LoadUnsafe(ref vs, (nuint)k), Vector256<float>.Zero).ExtractMostSignificantBits();
                uint mask = ~zero & 0xFF;

                // SAFETY: count <= k, so the eight stored positions end at or before k + 8 <= values.Length <= positions.Length.
                Vector256<int> found = Vector256.LoadUnsafe(ref table, mask * 8) + Vector256.Create(k);
                found.StoreUnsafe(ref ps, (nuint)count);
                count += BitOperations.PopCount(mask);
            }
        }

        for (; k < values.Length; k++)
        {
            // Always written, kept only when counted: a store is cheaper than a mispredicted branch.
            positions[count] = k;
            count += values[k] != 0f ? 1 : 0;
        }

        return count;
    }

    private static int[] BuildTable()
    {
        var table = new int[256 * 8];
        for (int mask = 0; mask < 256; mask++)
        {
            int n = 0;
            for (int bit = 0; bit < 8; bit++)
            {
                if ((mask & (1 << bit)) != 0)
                {
                    table[(mask * 8) + n++] = bit;
                }
            }
        }

        return table;
    }
}
