using System.IO.Compression;
using System.Text;

namespace MatrixFactorization.Tests.Fuzz;

/// <summary>
/// Seeded byte-level mutations of a corpus input: a few stacked edits per input, so both small
/// damage (one flipped bit) and heavy damage (spliced, truncated, re-compressed) are reached.
/// The same seed gives the same sequence of inputs.
/// </summary>
internal sealed class Mutator(Random random, IReadOnlyList<byte[]> corpus)
{
    // Bytes that change how a text reader splits or parses: ends of fields and lines, signs,
    // digits, exponents, and the extremes of a byte.
    private static readonly byte[] s_interesting = [0x00, 0xFF, (byte)'\n', (byte)'\r', (byte)',', (byte)'-', (byte)'9', (byte)'e', (byte)'\t', (byte)':', (byte)'"', (byte)'.', 0x7F, 0x80];

    private static readonly string[] s_numbers =
    [
        "0", "-1", "-0", "99999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "2147483647", "2147483648", "-2147483649", "1e308", "1e309", "-1e39", "NaN", "Infinity", "-Infinity", "3.4028236e38",
        "0.0000000000000000000000000000000000000000000001", "1e-45", "4294967295", "18446744073709551616", "1.5.5", "--1", "0x10",
    ];

    private static readonly int[] s_interestingInts = [0, -1, 1, int.MaxValue, int.MinValue, 1 << 30, (1 << 30) + 1, 255, 256, 65536, 0x7FFFFFF0];

    private readonly Random _random = random;
    private readonly IReadOnlyList<byte[]> _corpus = corpus;

    /// <summary>A mutated copy of a random corpus input, and which input it came from.</summary>
    public (byte[] Bytes, int Source) Next(bool textual)
    {
        int source = _random.Next(_corpus.Count);
        var bytes = new List<byte>(_corpus[source]);
        int edits = 1 + (int)Math.Min(7, -Math.Log2(1 - _random.NextDouble()));
        for (int k = 0; k < edits; k++)
        {
            Mutate(bytes, textual);
        }

        return ([.. bytes], source);
    }

    private void Mutate(List<byte> bytes, bool textual)
    {
        switch (_random.Next(textual ? 11 : 10))
        {
            case 0:
                FlipBit(bytes);
                break;
            case 1:
                ReplaceByte(bytes);
                break;
            case 2:
                DeleteChunk(bytes);
                break;
            case 3:
                DuplicateChunk(bytes);
                break;
            case 4:
                InsertChunk(bytes);
                break;
            case 5:
                Splice(bytes);
                break;
            case 6:
                Truncate(bytes);
                break;
            case 7:
                ReplaceByte(bytes);
                ReplaceByte(bytes);
                break;
            case 8:
                OverwriteInt(bytes);
                break;
            case 9:
                ReplaceNumber(bytes);
                break;
            default:
                InsertLine(bytes);
                break;
        }
    }

    private void FlipBit(List<byte> bytes)
    {
        if (bytes.Count > 0)
        {
            int at = _random.Next(bytes.Count);
            bytes[at] ^= (byte)(1 << _random.Next(8));
        }
    }

    private void ReplaceByte(List<byte> bytes)
    {
        if (bytes.Count > 0)
        {
            bytes[_random.Next(bytes.Count)] = _random.Next(4) == 0 ? (byte)_random.Next(256) : s_interesting[_random.Next(s_interesting.Length)];
        }
    }

    private void DeleteChunk(List<byte> bytes)
    {
        if (bytes.Count > 1)
        {
            int start = _random.Next(bytes.Count);
            bytes.RemoveRange(start, 1 + _random.Next(Math.Min(bytes.Count - start, 32)));
        }
    }

    private void DuplicateChunk(List<byte> bytes)
    {
        if (bytes.Count > 0)
        {
            int start = _random.Next(bytes.Count);
            int length = 1 + _random.Next(Math.Min(bytes.Count - start, 64));
            byte[] chunk = [.. bytes.GetRange(start, length)];
            int times = _random.Next(8) == 0 ? 1 + _random.Next(64) : 1;
            for (int k = 0; k < times; k++)
            {
                bytes.InsertRange(_random.Next(bytes.Count + 1), chunk);
            }
        }
    }

    private void InsertChunk(List<byte> bytes)
    {
        int length = 1 + _random.Next(16);
        var chunk = new byte[length];
        for (int k = 0; k < length; k++)
        {
            chunk[k] = _random.Next(2) == 0 ? (byte)_random.Next(256) : s_interesting[_random.Next(s_interesting.Length)];
        }

        bytes.InsertRange(_random.Next(bytes.Count + 1), chunk);
    }

    private void Splice(List<byte> bytes)
    {
        byte[] other = _corpus[_random.Next(_corpus.Count)];
        int keep = bytes.Count == 0 ? 0 : _random.Next(bytes.Count + 1);
        int from = other.Length == 0 ? 0 : _random.Next(other.Length);
        bytes.RemoveRange(keep, bytes.Count - keep);
        bytes.AddRange(other.AsSpan(from).ToArray());
    }

    private void Truncate(List<byte> bytes)
    {
        if (bytes.Count > 0)
        {
            int keep = _random.Next(bytes.Count);
            bytes.RemoveRange(keep, bytes.Count - keep);
        }
    }

    private void OverwriteInt(List<byte> bytes)
    {
        if (bytes.Count >= 4)
        {
            int at = _random.Next(bytes.Count - 3);
            int value = s_interestingInts[_random.Next(s_interestingInts.Length)];
            if (_random.Next(3) == 0)
            {
                value = BitConverter.ToInt32([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) + _random.Next(-16, 17);
            }

            byte[] written = BitConverter.GetBytes(value);
            for (int k = 0; k < 4; k++)
            {
                bytes[at + k] = written[k];
            }
        }
    }

    /// <summary>Replaces a run of digits with a huge, negative, fractional or malformed number.</summary>
    private void ReplaceNumber(List<byte> bytes)
    {
        var starts = new List<int>();
        for (int k = 0; k < bytes.Count; k++)
        {
            if (char.IsAsciiDigit((char)bytes[k]) && (k == 0 || !char.IsAsciiDigit((char)bytes[k - 1])))
            {
                starts.Add(k);
            }
        }

        if (starts.Count == 0)
        {
            ReplaceByte(bytes);
            return;
        }

        int start = starts[_random.Next(starts.Count)];
        int end = start;
        while (end < bytes.Count && (char.IsAsciiDigit((char)bytes[end]) || bytes[end] == '.'))
        {
            end++;
        }

        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, Encoding.ASCII.GetBytes(s_numbers[_random.Next(s_numbers.Length)]));
    }

    /// <summary>Inserts a copy of one line of the input somewhere else, or an empty or blank one.</summary>
    private void InsertLine(List<byte> bytes)
    {
        string[] lines = ["\n", "\r\n", " \n", "#comment\n", ",,,\n", "\"\n", "1\n", "1,2\n", "a,b,c,d,e,f\n"];
        int at = _random.Next(bytes.Count + 1);
        bytes.InsertRange(at, Encoding.ASCII.GetBytes(lines[_random.Next(lines.Length)]));
    }

    /// <summary>Compresses text with gzip, as a mutated text file reaches a reader compressed.</summary>
    public static byte[] Gzip(byte[] text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(text);
        }

        return output.ToArray();
    }

    /// <summary>The text inside a gzip member, to mutate before compressing again.</summary>
    public static byte[] Gunzip(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
