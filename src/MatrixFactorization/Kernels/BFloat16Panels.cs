using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MatrixFactorization.Kernels;

/// <summary>
/// A half-size, approximate copy of a <see cref="FactorMatrix"/> for scanning every row fast: each
/// value is kept to bfloat16 precision (8 significant bits, relative error at most 2^-7), so 10,000
/// items at k = 64 take 1.28 MB and stay in a core's L2 cache where the float matrix (2.56 MB) does
/// not. Scores from it are only good for choosing candidates; the caller rescores those exactly.
/// </summary>
/// <remarks>
/// <para>
/// Layout: rows are grouped into panels of 16. A panel stores, for each pair of columns (2c, 2c+1),
/// one 32-bit word per row — 16 consecutive words, one per row of the panel. So a vector load reads
/// one column pair for several consecutive rows, and a score needs no horizontal sum: each lane
/// accumulates its own row.
/// </para>
/// <para>
/// Within a word, the low 16 bits are column 2c+1 as a bfloat16, which a 16-bit left shift turns into
/// its float. The high 16 bits are chosen so that the whole word, read as a float, is closest to
/// column 2c: the low bits then act as extra mantissa, and reading column 2c costs no instruction at
/// all. Both columns stay within 2^-7 relative error (plus 2^-125 absolute, from flushing values too
/// small to be normal floats, which keeps denormals out of the arithmetic).
/// </para>
/// </remarks>
internal sealed class BFloat16Panels
{
    /// <summary>Rows per panel.</summary>
    internal const int PanelRows = 16;

    /// <summary>Rows are padded to a multiple of this, so a kernel can take two 512-bit row groups per step.</summary>
    internal const int RowStep = 2 * PanelRows;

    /// <summary>The relative error of a stored value.</summary>
    internal const float RelativeError = 1f / 128;

    private const uint SmallestNormalHigh = 0x0080;
    private const int AlignmentWords = 16;

    private readonly uint[] _words;
    private readonly int _origin;

    /// <summary>Packs <paramref name="source"/>.</summary>
    internal BFloat16Panels(FactorMatrix source)
    {
        Rows = source.Rows;
        Columns = source.Columns;

        // Pairs are rounded up to an even count so kernels can take two pairs per step.
        Pairs = ((source.Columns + 3) / 4) * 2;
        PaddedRows = (source.Rows + RowStep - 1) / RowStep * RowStep;
        _words = GC.AllocateArray<uint>((PaddedRows * Pairs) + AlignmentWords - 1, pinned: true);
        _origin = AlignmentOffset(_words);

        Span<uint> words = _words.AsSpan(_origin);
        for (int r = 0; r < source.Rows; r++)
        {
            ReadOnlySpan<float> row = source.Row(r);
            int panelStart = r / PanelRows * PanelRows * Pairs;
            for (int c = 0; c < Pairs; c++)
            {
                float even = 2 * c < row.Length ? row[2 * c] : 0;
                float odd = (2 * c) + 1 < row.Length ? row[(2 * c) + 1] : 0;
                words[panelStart + (c * PanelRows) + (r % PanelRows)] = Pack(even, odd);
            }
        }

        MaxRowNorm = FactorKernels.MaxRowNorm(source);
    }

    /// <summary>Logical rows.</summary>
    internal int Rows { get; }

    /// <summary>Logical columns.</summary>
    internal int Columns { get; }

    /// <summary>Column pairs per row, an even number; a query vector is read as 2 × this many floats.</summary>
    internal int Pairs { get; }

    /// <summary><see cref="Rows"/> rounded up to a multiple of <see cref="RowStep"/>; the padding rows are zero.</summary>
    internal int PaddedRows { get; }

    /// <summary>The largest Euclidean norm of a row of the source matrix (not of the approximation), rounded up.</summary>
    internal float MaxRowNorm { get; }

    /// <summary>The first word; <see cref="PaddedRows"/> × <see cref="Pairs"/> words follow, 64-byte aligned.</summary>
    internal ref uint Reference => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_words), _origin);

    /// <summary>Packs a column pair into one word as described in the remarks.</summary>
    internal static uint Pack(float even, float odd)
    {
        uint low = RoundToBFloat16(odd);
        uint bits = BitConverter.SingleToUInt32Bits(even);
        uint sign = bits & 0x8000_0000;
        uint magnitude = bits & 0x7FFF_FFFF;
        if (magnitude >= 0x7F80_0000)
        {
            // Infinity or NaN: the low bits would turn infinity into NaN, so make it NaN outright.
            // Such a matrix has no finite error bound and is never scanned approximately.
            return sign | 0x7FC0_0000 | low;
        }

        if (magnitude < 0x0080_0000)
        {
            // Zero or denormal: the smallest normal exponent keeps denormals out of the kernel.
            return sign | (SmallestNormalHigh << 16) | low;
        }

        // The two words with these low bits that bracket the magnitude (below <= magnitude < above,
        // unless below was clamped to a normal exponent); take the nearer as a float.
        uint high = Math.Max((magnitude - low) >> 16, SmallestNormalHigh);
        uint below = (high << 16) | low;
        uint above = below + 0x1_0000;
        float target = BitConverter.UInt32BitsToSingle(magnitude);
        bool aboveIsNearer = below < magnitude
            && above < 0x7F80_0000
            && BitConverter.UInt32BitsToSingle(above) - target < target - BitConverter.UInt32BitsToSingle(below);
        return sign | (aboveIsNearer ? above : below);
    }

    /// <summary>The value a word's high part stands for: the word read as a float.</summary>
    internal static float UnpackEven(uint word) => BitConverter.UInt32BitsToSingle(word);

    /// <summary>The value a word's low part stands for.</summary>
    internal static float UnpackOdd(uint word) => BitConverter.UInt32BitsToSingle(word << 16);

    /// <summary>Round-to-nearest-even to bfloat16, as its 16 bits; values too small to be normal become signed zero.</summary>
    private static uint RoundToBFloat16(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if ((bits & 0x7F80_0000) == 0)
        {
            return (bits >> 16) & 0x8000;
        }

        if ((bits & 0x7FFF_FFFF) > 0x7F80_0000)
        {
            // NaN: keep a quiet NaN rather than let rounding carry it into infinity.
            return (bits >> 16) | 0x0040;
        }

        // Rounding can carry values near float.MaxValue into infinity; the matrix's norm is then not
        // finite either, and it is never scanned approximately.
        return (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16;
    }

    private static unsafe int AlignmentOffset(uint[] words)
    {
        // Pinned: the address and so the alignment never change.
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(words));
        nuint misalignment = address % (AlignmentWords * sizeof(uint));
        return misalignment == 0 ? 0 : (int)(((AlignmentWords * sizeof(uint)) - misalignment) / sizeof(uint));
    }
}
