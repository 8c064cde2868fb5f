using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace MatrixFactorization.Data.Readers;

/// <summary>Number parsing over UTF-8 bytes: a fast path for the forms rating files use, and
/// exact fallbacks for everything else.</summary>
internal static unsafe class Utf8Numbers
{
    // Powers of ten exact in double; indexed by the fraction length masked to four bits, so the
    // entries past 1e9 only keep the lookup in bounds for numbers that are rejected anyway.
    private static readonly double[] s_pow10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1, 1, 1, 1, 1, 1];

    private static readonly uint[] s_pow10Integer = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000];

    // The double bits below a float's 24-bit significand that mark a float rounding midpoint.
    private const ulong BelowFloat = (1UL << 29) - 1;
    private const ulong FloatMidpoint = 1UL << 28;

    /// <summary>Parses 0 to 7 ASCII digits at <paramref name="p"/> without a loop; false when
    /// the eight bytes there are all digits, a longer number for the caller's digit loop.</summary>
    /// <remarks>Reads eight bytes at <paramref name="p"/>, which the caller guarantees exist.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseShortDigits(byte* p, out long value, out int length)
    {
        ulong bytes = Unsafe.ReadUnaligned<ulong>(p);
        ulong stops = NonDigits(bytes);
        length = BitOperations.TrailingZeroCount(stops) >> 3;
        value = length == 0 ? 0 : EightDigits(bytes << (64 - (8 * length)));
        return stops != 0;
    }

    /// <summary>Parses the eight bytes at <paramref name="p"/> as digits at once; false (and 0) when
    /// any of them is not a digit. The caller guarantees the eight bytes exist.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseEightDigits(byte* p, out long value)
    {
        ulong bytes = Unsafe.ReadUnaligned<ulong>(p);
        bool digits = NonDigits(bytes) == 0;
        value = digits ? EightDigits(bytes) : 0;
        return digits;
    }

    // Non-zero high-nibble bits mark the bytes that are not ASCII digits. A carry only runs
    // upwards from a non-digit, so the lowest marked byte is always the first non-digit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong NonDigits(ulong bytes)
    {
        const ulong HighNibbles = 0xF0F0F0F0F0F0F0F0;
        const ulong Zeros = 0x3030303030303030;
        return ((bytes & HighNibbles) ^ Zeros) | (((bytes + 0x0606060606060606) & HighNibbles) ^ Zeros);
    }

    // Eight digits, the most significant in the lowest byte (bytes below a shorter number's
    // first digit are zero and read as leading zeros): pairs, quads and halves are combined
    // with one multiply each.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long EightDigits(ulong bytes)
    {
        ulong digits = bytes & 0x0F0F0F0F0F0F0F0F;
        digits = (digits * 2561) >> 8;
        digits = ((digits & 0x00FF00FF00FF00FF) * 6553601) >> 16;
        return (long)(((digits & 0x0000FFFF0000FFFF) * 42949672960001) >> 32);
    }

    /// <summary>Parses <c>d</c>, <c>d.d</c> forms with at most 9 significant digits, which cover
    /// star ratings and any float written in its shortest round-trip form. Returns the position
    /// after the number, or null for anything else (signs, exponents, long fractions, and the
    /// rare value whose rounding the fast way cannot settle), which the caller re-reads with
    /// <see cref="TryParseSingle"/>.</summary>
    /// <remarks>The caller guarantees a byte that is neither a digit nor a point (the line's
    /// newline) after the number, before <paramref name="end"/>.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* ParseRating(byte* p, byte* end, out float value)
    {
        byte* q = p;
        uint m = 0;
        uint d;
        while ((d = (uint)(*q - '0')) <= 9)
        {
            m = (m * 10) + d;
            q++;
        }

        long digits = q - p;
        long fraction = 0;
        if (*q == '.')
        {
            // Fractions vary in length from line to line, so a digit loop would mispredict its
            // exit on most lines; up to seven digits are converted at once instead. (Too many
            // digits overflow m, but such numbers are refused below anyway.)
            byte* f = ++q;
            if (end - q >= 8 && TryParseShortDigits(q, out long part, out int partLength))
            {
                m = (m * s_pow10Integer[partLength]) + (uint)part;
                q += partLength;
            }
            else
            {
                while ((d = (uint)(*q - '0')) <= 9)
                {
                    m = (m * 10) + d;
                    q++;
                }
            }

            fraction = q - f;
            digits = fraction == 0 ? 0 : digits + fraction;
        }

        // m < 10^9 and 10^fraction are exact doubles, so the quotient is the exact value rounded
        // once to double. Rounding that to float gives the correctly rounded float unless the
        // double landed exactly on a midpoint between two floats (the second rounding could then
        // go the wrong way); such values go to the exact parser.
        double quotient = m / s_pow10[fraction & 15];
        value = (float)quotient;
        bool midpoint = (BitConverter.DoubleToUInt64Bits(quotient) & BelowFloat) == FloatMidpoint;
        return digits is 0 or > 9 || midpoint ? null : q;
    }

    /// <summary>Parses an integer in invariant culture, allowing a sign and surrounding spaces.</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> text, out long value) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a number in invariant culture (decimal point, optional exponent, NaN and
    /// infinities), so the caller can tell "not a number" from "not finite".</summary>
    public static bool TryParseSingle(ReadOnlySpan<byte> text, out float value) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Whether a number's significand has a digit other than 0, so that it is not zero
    /// however its exponent reads (the digits of NaN and Infinity are none).</summary>
    public static bool HasNonZeroDigit(ReadOnlySpan<byte> text)
    {
        int exponent = text.IndexOfAny((byte)'e', (byte)'E');
        return (exponent < 0 ? text : text[..exponent]).IndexOfAnyInRange((byte)'1', (byte)'9') >= 0;
    }

    /// <summary>Parses a timestamp: integer Unix seconds, or a date and time in invariant culture
    /// (ISO 8601 and the like, UTC unless an offset is given).</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, out long seconds)
    {
        if (TryParseInt64(text, out seconds))
        {
            return true;
        }

        Span<char> chars = stackalloc char[64];
        if (text.Length <= chars.Length
            && Encoding.UTF8.TryGetChars(text, chars, out int length)
            && DateTimeOffset.TryParse(chars[..length], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
        {
            seconds = time.ToUnixTimeSeconds();
            return true;
        }

        seconds = 0;
        return false;
    }
}
