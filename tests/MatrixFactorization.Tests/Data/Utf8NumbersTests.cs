using System.Globalization;
using System.Text;
using MatrixFactorization.Data.Readers;

namespace MatrixFactorization.Tests.Data;

public sealed unsafe class Utf8NumbersTests
{
    [Fact]
    public void Short_digits_stop_at_any_non_digit()
    {
        byte[] stops = [(byte)',', (byte)'/', (byte)':', (byte)' ', (byte)'\n', 0x00, 0x7F, 0x80, 0xFA, 0xFF, (byte)'.'];
        var random = new Random(5);
        int failures = 0;
        for (int length = 0; length <= 7; length++)
        {
            foreach (byte stop in stops)
            {
                for (int trial = 0; trial < 20; trial++)
                {
                    string digits = string.Concat(Enumerable.Range(0, length).Select(_ => (char)('0' + random.Next(10))));
                    byte[] bytes = [.. Encoding.ASCII.GetBytes(digits), stop, .. Enumerable.Range(0, 8).Select(_ => (byte)random.Next(256))];
                    fixed (byte* p = bytes)
                    {
                        bool ok = Utf8Numbers.TryParseShortDigits(p, out long value, out int parsed);
                        long expected = length == 0 ? 0 : long.Parse(digits, CultureInfo.InvariantCulture);
                        failures += ok && parsed == length && value == expected ? 0 : 1;
                    }
                }
            }
        }

        failures.Should().Be(0);
    }

    [Fact]
    public void Eight_digits_are_left_to_the_loop()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("12345678,");
        fixed (byte* p = bytes)
        {
            Utf8Numbers.TryParseShortDigits(p, out _, out _).Should().BeFalse();
        }
    }

    [Theory]
    [InlineData("4.5,", 4.5f, 3)]
    [InlineData("3\n", 3f, 1)]
    [InlineData("0.5\r", 0.5f, 3)]
    [InlineData(".5,", 0.5f, 2)]
    [InlineData("1234567,", 1234567f, 7)]
    [InlineData("1.234567,", 1.234567f, 8)]
    [InlineData("3.1692991 ", 3.1692991f, 9)]
    [InlineData("0.12345678,", 0.12345678f, 10)]
    [InlineData("123456789\n", 123456789f, 9)]
    public void Ratings_in_common_forms(string text, float expected, int length)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        fixed (byte* p = bytes)
        {
            byte* end = Utf8Numbers.ParseRating(p, p + bytes.Length, out float value);
            (end - p).Should().Be(length);
            value.Should().Be(expected);
        }
    }

    [Theory]
    [InlineData("5.,")]
    [InlineData("-1,")]
    [InlineData("1e3,")]
    [InlineData("1234567890,")]
    [InlineData("0.123456789,")]
    [InlineData(",")]
    public void Other_ratings_are_left_to_the_careful_path(string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        fixed (byte* p = bytes)
        {
            byte* end = Utf8Numbers.ParseRating(p, p + bytes.Length, out _);
            bool rejectedOrStoppedEarly = end == null || *end != ',';
            rejectedOrStoppedEarly.Should().BeTrue();
        }
    }

    [Fact]
    public void Ratings_of_up_to_nine_digits_match_the_exact_parser()
    {
        // Random digit strings in every split of up to nine digits around the point, and the
        // shortest round-trip text of random floats, as a writer would leave them.
        var random = new Random(11);
        var texts = new List<string>();
        for (int k = 0; k < 20000; k++)
        {
            int length = 1 + random.Next(9);
            string digits = string.Concat(Enumerable.Range(0, length).Select(_ => (char)('0' + random.Next(10))));
            int point = random.Next(length);
            texts.Add(point == 0 ? digits : $"{digits[..point]}.{digits[point..]}");
            texts.Add((random.NextSingle() * 5).ToString(CultureInfo.InvariantCulture));
        }

        int fast = 0, wrong = 0;
        // With room after the number the fraction is read eight bytes at a time, without it
        // digit by digit; digits after the line's end must not leak into either.
        foreach (string text in texts.SelectMany(t => new[] { t + "\n", t + "\n98765432" }))
        {
            byte[] bytes = Encoding.ASCII.GetBytes(text);
            fixed (byte* p = bytes)
            {
                byte* end = Utf8Numbers.ParseRating(p, p + bytes.Length, out float value);
                // Stopping early (at an exponent) declines the text too: the caller then finds
                // no delimiter where it expects one.
                string number = text[..text.IndexOf('\n', StringComparison.Ordinal)];
                if (end != null && end - p == number.Length)
                {
                    fast++;
                    wrong += value.Equals(float.Parse(number, CultureInfo.InvariantCulture)) ? 0 : 1;
                }
            }
        }

        wrong.Should().Be(0);
        fast.Should().BeGreaterThan(texts.Count * 2 * 9 / 10);
    }

    [Fact]
    public void A_value_on_a_float_midpoint_is_left_to_the_exact_parser()
    {
        // 2^24 + 1 lies halfway between two floats: a double that lands there might be rounded
        // the wrong way a second time, so the fast path declines it.
        byte[] bytes = Encoding.ASCII.GetBytes("16777217\n");
        fixed (byte* p = bytes)
        {
            (Utf8Numbers.ParseRating(p, p + bytes.Length, out _) == null).Should().BeTrue();
        }
    }
}
