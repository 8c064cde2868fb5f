using System.Globalization;

namespace MatrixFactorization.Data.Synthetic;

/// <summary>Formats ratings as LIBMF text lines, <c>user item rating\n</c>, in UTF-8.</summary>
internal static class LibmfText
{
    /// <summary>An upper bound of one line's length: two 10-digit ids, a rating of at most 19 characters and three separators.</summary>
    public const int MaxLineBytes = 10 + 1 + 10 + 1 + 19 + 1;

    private const double Log10Of2 = 0.30102999566398120;

    private static readonly long[] PowersOf10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    // Half stars have ten possible values; looking them up skips float formatting altogether.
    private static readonly byte[][] HalfStars =
        [.. Enumerable.Range(1, 10).Select(k => System.Text.Encoding.ASCII.GetBytes((k / 2.0).ToString(CultureInfo.InvariantCulture)))];

    /// <summary>Writes one user's lines and returns the bytes written.</summary>
    public static int Format(int user, ReadOnlySpan<int> items, ReadOnlySpan<float> values, bool halfStars, Span<byte> output)
    {
        Span<byte> prefix = stackalloc byte[12];
        user.TryFormat(prefix, out int prefixLength, default, CultureInfo.InvariantCulture);
        prefix[prefixLength++] = (byte)' ';
        prefix = prefix[..prefixLength];

        int w = 0;
        for (int k = 0; k < items.Length; k++)
        {
            prefix.CopyTo(output[w..]);
            w += prefix.Length;
            items[k].TryFormat(output[w..], out int written, default, CultureInfo.InvariantCulture);
            w += written;
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
    /// General float formatting costs more than generating the rating. A decimal parses back to
    /// <paramref name="value"/> when it lies within half a float spacing of it; the test below keeps
    /// a 2% margin, far above double rounding error, so it never accepts a wrong candidate. The
    /// search starts one decimal short of what the spacing needs, so the text is the shortest or
    /// one digit longer. Values it cannot place (huge, tiny, or beyond eight decimals) fall back to
    /// the runtime's shortest round-trip format.
    /// </remarks>
    internal static int FormatRating(float value, Span<byte> output)
    {
        double magnitude = Math.Abs((double)value);
        if (!(magnitude < 1e9) || (magnitude != 0 && magnitude < 1e-3))
        {
            value.TryFormat(output, out int general, default, CultureInfo.InvariantCulture);
            return general;
        }

        float absolute = Math.Abs(value);
        double spacing = Math.Min(MathF.BitIncrement(absolute) - (double)absolute, absolute - (double)MathF.BitDecrement(absolute));
        double tolerance = 0.49 * spacing;
        int binaryExponent = ((BitConverter.SingleToInt32Bits(absolute) >> 23) & 0xFF) - 127;
        int first = Math.Clamp((int)Math.Floor((23 - binaryExponent) * Log10Of2) - 1, 0, 8);
        for (int decimals = first; decimals <= 8; decimals++)
        {
            long scale = PowersOf10[decimals];
            long scaled = (long)Math.Round(magnitude * scale);
            if (Math.Abs((scaled / (double)scale) - magnitude) < tolerance)
            {
                return WriteFixed(value < 0 && scaled != 0, scaled, decimals, output);
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
        (scaled / scale).TryFormat(output[w..], out int written, default, CultureInfo.InvariantCulture);
        w += written;
        if (decimals > 0)
        {
            output[w++] = (byte)'.';
            long fraction = scaled % scale;
            for (int d = decimals - 1; d >= 0; d--)
            {
                output[w + d] = (byte)('0' + (fraction % 10));
                fraction /= 10;
            }

            w += decimals;
        }

        return w;
    }
}
