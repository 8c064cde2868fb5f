using System.Runtime.CompilerServices;

namespace MatrixFactorization.Data.Readers;

/// <summary>Steps over one field delimiter in the fast path. Implemented by structs so that the
/// generic parse loop is compiled once per delimiter kind, with the check inlined.</summary>
internal unsafe interface IFieldDelimiter
{
    /// <summary>Moves <paramref name="p"/> past a delimiter at <paramref name="p"/>; false, leaving
    /// it alone, when there is none.</summary>
    bool TrySkip(ref byte* p);
}

/// <summary>A one-byte delimiter such as a comma or a tab.</summary>
internal readonly unsafe struct ByteDelimiter(byte value) : IFieldDelimiter
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TrySkip(ref byte* p)
    {
        if (*p != value)
        {
            return false;
        }

        p++;
        return true;
    }
}

/// <summary>The <c>::</c> of MovieLens <c>.dat</c> files.</summary>
internal readonly unsafe struct DoubleColonDelimiter : IFieldDelimiter
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TrySkip(ref byte* p)
    {
        // The second read is safe: the first byte is ':' and so not the line's final newline.
        if (p[0] != ':' || p[1] != ':')
        {
            return false;
        }

        p += 2;
        return true;
    }
}

/// <summary>A run of spaces and tabs, as in LIBMF files.</summary>
internal readonly unsafe struct WhitespaceDelimiter : IFieldDelimiter
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TrySkip(ref byte* p)
    {
        if (*p != ' ' && *p != '\t')
        {
            return false;
        }

        do
        {
            p++;
        }
        while (*p == ' ' || *p == '\t');
        return true;
    }
}
