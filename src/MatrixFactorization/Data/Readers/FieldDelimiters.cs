using System.Runtime.CompilerServices;

namespace MatrixFactorization.Data.Readers;

/// <summary>Steps over one field delimiter in the fast path. Implemented by structs so that the
/// generic parse loop is compiled once per delimiter kind, with the check inlined.</summary>
internal unsafe interface IFieldDelimiter
{
    /// <summary>The position after a delimiter at <paramref name="p"/>, or null when there is none.</summary>
    byte* Skip(byte* p);
}

/// <summary>A one-byte delimiter such as a comma or a tab.</summary>
internal readonly unsafe struct ByteDelimiter(byte value) : IFieldDelimiter
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Skip(byte* p) => *p == value ? p + 1 : null;
}

/// <summary>The <c>::</c> of MovieLens <c>.dat</c> files.</summary>
internal readonly unsafe struct DoubleColonDelimiter : IFieldDelimiter
{
    // The second read is safe: the first byte is ':' and so not the line's final newline.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Skip(byte* p) => p[0] == ':' && p[1] == ':' ? p + 2 : null;
}

/// <summary>A run of spaces and tabs, as in LIBMF files.</summary>
internal readonly unsafe struct WhitespaceDelimiter : IFieldDelimiter
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Skip(byte* p)
    {
        if (*p != ' ' && *p != '\t')
        {
            return null;
        }

        do
        {
            p++;
        }
        while (*p == ' ' || *p == '\t');
        return p;
    }
}
