using System.Runtime.CompilerServices;

namespace MatrixFactorization.Training;

/// <summary>
/// The stride of the factor rows a training loop walks, as a type, so the loop can be compiled once
/// per common width with the stride a constant: row addresses become shifts, the fused kernel is
/// chosen at compile time, and a row's prefetch is a fixed run of instructions rather than a loop.
/// </summary>
internal interface IRowShape
{
    /// <summary>Floats per padded row.</summary>
    static abstract int Stride(in SgdContext context);
}

/// <summary>Rows of 32 floats (k ≤ 32).</summary>
internal struct RowsOf32 : IRowShape
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Stride(in SgdContext context) => 32;
}

/// <summary>Rows of 64 floats (32 &lt; k ≤ 64).</summary>
internal struct RowsOf64 : IRowShape
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Stride(in SgdContext context) => 64;
}

/// <summary>Rows of 128 floats (112 &lt; k ≤ 128).</summary>
internal struct RowsOf128 : IRowShape
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Stride(in SgdContext context) => 128;
}

/// <summary>Any other width, read from the state.</summary>
internal struct RowsOfAnyLength : IRowShape
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Stride(in SgdContext context) => context.Stride;
}
