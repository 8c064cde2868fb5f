using System.Globalization;
using System.Numerics;

namespace MatrixFactorization.Data.Synthetic;

/// <summary>Formats ratings as LIBMF text lines, <c>user item rating\n</c>, in UTF-8.</summary>
/// <remarks>
/// Text formatting would otherwise cost about as much as generating the ratings, so digits are
/// written two at a time from a table and floats take a fixed-point fast path.
/// </remarks>
internal static class LibmfText
{
    /// <summary>An upper bound of one line's length: two 10-digit ids, a rating of at most 19 characters and three separators.</summary>
    public const int MaxLineBytes = 10 + 1 + 10 + 1 + 19 + 1;

    private const int MaxDecimals = 8;

    private static readonly long[] PowersOf10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    private static readonly byte[] DigitPairs = [.. Enumerable.Range(0, 100).SelectMany(k => new[] { (byte)('0' + (k / 10)), (byte)('0' + (k % 10)) })];

    // Half stars have ten possible values; looking them up skips float formatting altogether.
    private static readonly byte[][] HalfStars =
        [.. Enumerable.Range(1, 10).Select(k => System.Text.Encoding.ASCII.GetBytes((k / 2.0).ToString(CultureInfo.InvariantCulture)))];

    /// <summary>Writes one user's lines and returns the bytes written.</summary>
    public static int Format(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> values, bool halfStars, Span<byte> output)
    {
        Span<byte> prefix = stackalloc byte[12];
        int prefixLength = WriteDigits((ulong)user, prefix);
        prefix[prefixLength++] = (byte)' ';
        prefix = prefix[..prefixLength];

        int w = 0;
        for (int k = 0; k < items.Length; k++)
        {
            prefix.CopyTo(output[w..]);
            w += prefix.Length;
            w += WriteDigits((ulong)items[k], output[w..]);
            output[w++] = (byte)' ';
            if (halfStars)
            {
                byte[] text = HalfStars[(int)(values[k] * 2) - 1];
                text.CopyTo(output[w..]);
                w += text.Length;
            }
            else
            {
                w += FormatRating(values[k], output[w..]);
            }

            output[w++] = (byte)'\n';
        }

        return w;
    }

    /// <summary>
    /// Writes a float as a fixed-point decimal of at most eight decimals that parses back to the
    /// same float, so a reader rebuilds exactly the values of the store.
    /// </summary>
    /// <remarks>
    /// A decimal parses back to <paramref name="value"/> when it lies within half a float spacing
    /// of it; the test below keeps a 2% margin, far above double rounding error, so it never
    /// accepts a wrong candidate. The search starts one decimal short of what the spacing needs,
    /// so the text is the shortest or one digit longer. Values it cannot place (huge, tiny, or
    /// beyond eight decimals) fall back to the runtime's shortest round-trip format.
    /// </remarks>
    internal static int FormatRating(float value, Span<byte> output)
    {
        double magnitude = Math.Abs((double)value);
        if (!(magnitude < 1e9) || (magnitude != 0 && magnitude < 1e-3))
        {
            value.TryFormat(output, out int general, default, CultureInfo.InvariantCulture);
            return general;
        }

        // The gap to the next float is 2^(e - 23) for binary exponent e, and half that below a
        // power of two; the smaller gap bounds the round-trip interval on both sides.
        int bits = BitConverter.SingleToInt32Bits(value);
        int exponent = Math.Max(((bits >> 23) & 0xFF) - 127, -126);
        int shift = (bits & 0x7F_FFFF) == 0 ? 24 : 23;
        double tolerance = 0.49 * Math.ScaleB(1.0, exponent - shift);
        int first = Math.Clamp((int)((23 - exponent) * 0.30102999566398120) - 1, 0, MaxDecimals);
        for (int decimals = first; decimals <= MaxDecimals; decimals++)
        {
            long scale = PowersOf10[decimals];
            double scaled = Math.Round(magnitude * scale);
            if (Math.Abs((scaled / scale) - magnitude) < tolerance)
            {
                return WriteFixed(value < 0 && scaled != 0, (long)scaled, decimals, output);
            }
        }

        value.TryFormat(output, out int written, default, CultureInfo.InvariantCulture);
        return written;
    }

    private static int WriteFixed(bool negative, long scaled, int decimals, Span<byte> output)
    {
        while (decimals > 0 && scaled % 10 == 0)
        {
            scaled /= 10;
            decimals--;
        }

        int w = 0;
        if (negative)
        {
            output[w++] = (byte)'-';
        }

        long scale = PowersOf10[decimals];
        w += WriteDigits((ulong)(scaled / scale), output[w..]);
        if (decimals > 0)
        {
            output[w++] = (byte)'.';
            WritePadded((ulong)(scaled % scale), output.Slice(w, decimals));
            w += decimals;
        }

        return w;
    }

    private static int WriteDigits(ulong value, Span<byte> output)
    {
        int length = DigitCount(value);
        WritePadded(value, output[..length]);
        return length;
    }

    /// <summary>Fills <paramref name="output"/> with the low digits of <paramref name="value"/>, zero-padded.</summary>
    private static void WritePadded(ulong value, Span<byte> output)
    {
        int end = output.Length;
        while (end >= 2)
        {
            int pair = (int)(value % 100) * 2;
            value /= 100;
            output[end - 1] = DigitPairs[pair + 1];
            output[end - 2] = DigitPairs[pair];
            end -= 2;
        }

        if (end == 1)
        {
            output[0] = (byte)('0' + (value % 10));
        }
    }

    private static int DigitCount(ulong value)
    {
        // log10 from log2, corrected by one comparison.
        int guess = ((BitOperations.Log2(value) + 1) * 1233) >> 12;
        return guess + (guess < PowersOf10.Length && value >= (ulong)PowersOf10[guess] ? 1 : 0) + (value == 0 ? 1 : 0);
    }
}
