using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace MatrixFactorization.Data.Readers;

/// <summary>Number parsing over UTF-8 bytes: a fast path for the forms rating files use, and
/// exact fallbacks for everything else.</summary>
internal static unsafe class Utf8Numbers
{
    // Exact in float up to 1e10, so one division of two exact values rounds correctly.
    private static readonly float[] s_pow10 = [1f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f];
    private static readonly long[] s_pow10Int = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000];

    /// <summary>Parses 1 to 18 ASCII digits at <paramref name="p"/>. Length 0 means anything
    /// else (no digit, a sign, an overlong number), which the caller re-reads with
    /// <see cref="TryParseInt64"/>.</summary>
    /// <remarks>The caller guarantees a non-digit byte (the line's newline) before
    /// <paramref name="end"/>. With 16 bytes to spare, up to 16 digits are converted eight at a
    /// time without a loop, which saves the branch mispredicted at the end of every number
    /// whose length differs from the last one's. Results come back as a value pair rather than
    /// through a pointer parameter so that the caller's pointer can stay in a register.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (long Value, int Length) ParseDigits(byte* p, byte* end)
    {
        if (end - p >= 16)
        {
            ulong low = Unsafe.ReadUnaligned<ulong>(p);
            ulong stops = NonDigits(low);
            if (stops != 0)
            {
                int length = BitOperations.TrailingZeroCount(stops) >> 3;
                return length == 0 ? default : (EightDigits(low << (64 - (8 * length))), length);
            }

            ulong high = Unsafe.ReadUnaligned<ulong>(p + 8);
            stops = NonDigits(high);
            if (stops != 0)
            {
                int length = BitOperations.TrailingZeroCount(stops) >> 3;
                long value = EightDigits(low);
                return length == 0
                    ? (value, 8)
                    : ((value * s_pow10Int[length]) + EightDigits(high << (64 - (8 * length))), 8 + length);
            }
        }

        return ParseDigitsByByte(p);
    }

    private static (long Value, int Length) ParseDigitsByByte(byte* p)
    {
        byte* q = p;
        long v = 0;
        uint d;
        while ((d = (uint)(*q - '0')) <= 9)
        {
            v = (v * 10) + d;
            q++;
        }

        long length = q - p;
        return length is > 0 and <= 18 ? (v, (int)length) : default;
    }

    // Non-zero high-nibble bits in each byte that is not an ASCII digit. Carries only run
    // upwards from a non-digit, so the lowest flagged byte is always the first non-digit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong NonDigits(ulong bytes)
    {
        const ulong High = 0xF0F0F0F0F0F0F0F0;
        const ulong Zeros = 0x3030303030303030;
        ulong highNibbleNot3 = (bytes & High) ^ Zeros;
        ulong above9 = ((bytes + 0x0606060606060606) & High) ^ Zeros;
        return highNibbleNot3 | above9;
    }

    // Eight ASCII digits, the most significant in the lowest byte (leading bytes may be zero).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long EightDigits(ulong bytes)
    {
        bytes = ((bytes & 0x0F0F0F0F0F0F0F0F) * 2561) >> 8;
        bytes = ((bytes & 0x00FF00FF00FF00FF) * 6553601) >> 16;
        return (long)(((bytes & 0x0000FFFF0000FFFF) * 42949672960001) >> 32);
    }

    /// <summary>Parses <c>d</c>, <c>d.d</c> forms with at most 7 significant digits, which cover
    /// star and half-star ratings. Length 0 means anything else (signs, exponents, long
    /// fractions), which the caller re-reads with <see cref="TryParseSingle"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (float Value, int Length) ParseRating(byte* p)
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
            byte* f = ++q;
            while ((d = (uint)(*q - '0')) <= 9)
            {
                m = (m * 10) + d;
                q++;
            }

            fraction = q - f;
            digits = fraction == 0 ? 0 : digits + fraction;
        }

        // m < 10^7 < 2^24 and 10^fraction are exact floats, so the quotient is correctly rounded.
        return digits is 0 or > 7 ? default : ((float)m / s_pow10[fraction], (int)(q - p));
    }

    /// <summary>Parses an integer in invariant culture, allowing a sign and surrounding spaces.</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> text, out long value) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a number in invariant culture (decimal point, optional exponent, NaN and
    /// infinities), so the caller can tell "not a number" from "not finite".</summary>
    public static bool TryParseSingle(ReadOnlySpan<byte> text, out float value) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

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
