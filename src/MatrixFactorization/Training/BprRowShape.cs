using System.Runtime.CompilerServices;

namespace MatrixFactorization.Training;

/// <summary>
/// The stride of the factor rows the BPR loop walks, as a type, so the loop is compiled once per
/// common width with the stride a constant (as <see cref="IRowShape"/> does for SGD): row addresses
/// become shifts, the register-resident kernel is chosen at compile time, and a row's prefetch is
/// a fixed run of instructions.
/// </summary>
internal interface IBprRowShape
{
    /// <summary>Floats per padded row.</summary>
    static abstract int Stride(in BprContext context);
}

/// <summary>Rows of 32 floats (k ≤ 32).</summary>
internal struct BprRowsOf32 : IBprRowShape
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Stride(in BprContext context) => 32;
}

/// <summary>Rows of 64 floats (32 &lt; k ≤ 64).</summary>
internal struct BprRowsOf64 : IBprRowShape
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Stride(in BprContext context) => 64;
}

/// <summary>Rows of 128 floats (112 &lt; k ≤ 128).</summary>
internal struct BprRowsOf128 : IBprRowShape
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Stride(in BprContext context) => 128;
}

/// <summary>Any other width, read from the context.</summary>
internal struct BprRowsOfAnyLength : IBprRowShape
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Stride(in BprContext context) => context.Stride;
}

/// <summary>Whether the BPR loop steps item biases, as a type, so the loop is compiled without the question.</summary>
internal interface IItemBiases
{
    static abstract bool Enabled { get; }
}

/// <summary>Scores b_i + p·q: each step moves b_i and b_j too.</summary>
internal struct WithItemBiases : IItemBiases
{
    public static bool Enabled => true;
}

/// <summary>Scores p·q alone.</summary>
internal struct WithoutItemBiases : IItemBiases
{
    public static bool Enabled => false;
}
