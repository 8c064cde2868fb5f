using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MatrixFactorization.Kernels;

/// <summary>512-bit vectors of 16 floats.</summary>
internal readonly struct Simd512 : ISimd<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;

    public static Vector512<float> Zero => Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Create(float value) => Vector512.Create(value);

    // SAFETY: every caller passes an offset with offset + Count inside the row it indexes;
    // the call sites say why.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    // SAFETY: as for Load.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination, nuint offset) =>
        value.StoreUnsafe(ref destination, offset);

    // SAFETY: as for Load.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LoadBits(ref uint source, nuint offset) => Vector512.LoadUnsafe(ref source, offset).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ShiftLowHalfUp(Vector512<float> value) => Vector512.ShiftLeft(value.AsUInt32(), 16).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> left, Vector512<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Divide(Vector512<float> left, Vector512<float> right) => left / right;

    // AVX-512F has its own fused multiply-add, so this is always one instruction.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend) =>
        Vector512.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplySubtract(Vector512<float> left, Vector512<float> right, Vector512<float> subtrahend) =>
        Avx512F.FusedMultiplySubtract(left, right, subtrahend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sqrt(Vector512<float> value) => Vector512.Sqrt(value);

    // Vector512.Sum reduces each 128-bit block separately to keep its result identical across
    // hardware, which costs about three times the instructions of folding halves first.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> value) => Vector128.Sum(Fold(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Fold(Vector512<float> value) => Simd256.Fold(value.GetLower() + value.GetUpper());

    // Fold's two steps for both vectors at once, 128-bit blocks paired across them (blocks 0, 1 of
    // each plus blocks 2, 3; then the first halves' blocks plus the second halves'), then
    // Vector128.Sum's order within each block.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SumPair(Vector512<float> first, Vector512<float> second)
    {
        if (!Avx512F.IsSupported)
        {
            return Simd256.SumPair(first.GetLower() + first.GetUpper(), second.GetLower() + second.GetUpper());
        }

        Vector512<float> halves = Avx512F.Shuffle4x128(first, second, 0b01_00_01_00) + Avx512F.Shuffle4x128(first, second, 0b11_10_11_10);
        Vector512<float> quarters = Avx512F.Shuffle4x128(halves, halves, 0b00_00_10_00) + Avx512F.Shuffle4x128(halves, halves, 0b00_00_11_01);
        return Simd256.SumWithinHalves(quarters.GetLower());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ClearLeading(Vector512<float> value, int count)
    {
        Vector512<int> keep = Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(count));
        return value & keep.AsSingle();
    }
}
