namespace MatrixFactorization.Data.Readers;

/// <summary>Reads the header of each gzip member (RFC 1952) for <see cref="CheckedGzipStream"/>,
/// and tells the end of the data from something after it that is not a member.</summary>
internal static class GzipHeader
{
    private const byte HeaderCrc = 2, Extra = 4, Name = 8, Comment = 16, Reserved = 0xE0;

    // Names and comments can be any length; a header this long is not one.
    private const int MaxLength = 1 << 20;

    private enum Status
    {
        Complete,
        NeedMore,
        End,
    }

    /// <summary>Consumes the next member's header; false at the end of the data.</summary>
    /// <param name="input">The compressed data.</param>
    /// <param name="first">Whether this is the first member, which must be there.</param>
    public static bool Parse(GzipInput input, bool first)
    {
        int wanted = 1;
        while (true)
        {
            bool more = input.Ensure(wanted);
            Status status = Step(input, first, !more, ref wanted);
            if (status != Status.NeedMore)
            {
                return status == Status.Complete;
            }
        }
    }

    /// <summary>The async form of <see cref="Parse"/>.</summary>
    public static async ValueTask<bool> ParseAsync(GzipInput input, bool first, CancellationToken cancellationToken)
    {
        int wanted = 1;
        while (true)
        {
            bool more = await input.EnsureAsync(wanted, cancellationToken).ConfigureAwait(false);
            Status status = Step(input, first, !more, ref wanted);
            if (status != Status.NeedMore)
            {
                return status == Status.Complete;
            }
        }
    }

    // One look at the held bytes: a whole header is consumed, zero padding is dropped, and
    // otherwise `wanted` says how many bytes to hold before the next look.
    private static Status Step(GzipInput input, bool first, bool ended, ref int wanted)
    {
        ReadOnlySpan<byte> held = input.Held;
        if (held.IsEmpty)
        {
            return !first ? Status.End : throw GzipCheck.Fail("the gzip data is empty after its first bytes");
        }

        if (!first && held[0] == 0)
        {
            int zeros = held.IndexOfAnyExcept((byte)0);
            if (zeros >= 0)
            {
                throw After();
            }

            input.Consume(held.Length);
            wanted = 1;
            return Status.NeedMore;
        }

        if (held[0] != 0x1F || (held.Length > 1 && held[1] != 0x8B))
        {
            throw After();
        }

        int length = HeaderLength(held);
        if (length > 0)
        {
            input.Consume(length);
            return Status.Complete;
        }

        if (ended || held.Length > MaxLength)
        {
            throw GzipCheck.Fail(ended ? "the gzip data is cut short inside a member's header" : "a gzip member's header is longer than 1 MB");
        }

        wanted = held.Length + 1;
        return Status.NeedMore;
    }

    // The length of the header at the start of `bytes`, or 0 when more bytes are needed.
    private static int HeaderLength(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 10)
        {
            return 0;
        }

        byte flags = bytes[3];
        if (bytes[2] != 8 || (flags & Reserved) != 0)
        {
            throw GzipCheck.Fail("a gzip member's header names an unknown compression method or flags; the data is damaged");
        }

        int p = 10;
        if ((flags & Extra) != 0)
        {
            if (bytes.Length < p + 2)
            {
                return 0;
            }

            p += 2 + (bytes[p] | (bytes[p + 1] << 8));
        }

        foreach (byte field in (ReadOnlySpan<byte>)[Name, Comment])
        {
            if ((flags & field) != 0)
            {
                int end = p < bytes.Length ? bytes[p..].IndexOf((byte)0) : -1;
                if (end < 0)
                {
                    return 0;
                }

                p += end + 1;
            }
        }

        p += (flags & HeaderCrc) != 0 ? 2 : 0;
        return p <= bytes.Length ? p : 0;
    }

    private static InvalidDataException After() =>
        GzipCheck.Fail("the gzip data goes on after its end with bytes that start no gzip member, so they are not part of the ratings");
}
