using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

/// <summary>128-bit vectors of 4 floats.</summary>
internal readonly struct Simd128 : ISimd<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;

    public static Vector128<float> Zero => Vector128<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Create(float value) => Vector128.Create(value);

    // SAFETY: every caller passes an offset with offset + Count inside the row it indexes;
    // the call sites say why.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

    // SAFETY: as for Load.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float destination, nuint offset) =>
        value.StoreUnsafe(ref destination, offset);

    // SAFETY: as for Load.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LoadBits(ref uint source, nuint offset) => Vector128.LoadUnsafe(ref source, offset).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ShiftLowHalfUp(Vector128<float> value) => Vector128.ShiftLeft(value.AsUInt32(), 16).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> left, Vector128<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Divide(Vector128<float> left, Vector128<float> right) => left / right;

    // Vector128 is accelerated on x86 machines without FMA (SSE only), where FusedMultiplyAdd would
    // fall back to slow software emulation; the estimate is fused wherever FMA exists (all Arm64,
    // every x86 with AVX2) and a separate multiply and add otherwise.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend) =>
        Vector128.MultiplyAddEstimate(left, right, addend);

    // Negating is exact, so this rounds as a fused multiply-subtract where the estimate is fused.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplySubtract(Vector128<float> left, Vector128<float> right, Vector128<float> subtrahend) =>
        Vector128.MultiplyAddEstimate(left, right, -subtrahend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sqrt(Vector128<float> value) => Vector128.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> value) => Vector128.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SumPair(Vector128<float> first, Vector128<float> second) =>
        Vector256.Create(Vector128.Create(Sum(first)), Vector128.Create(Sum(second)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Fold(Vector128<float> value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ClearLeading(Vector128<float> value, int count)
    {
        Vector128<int> keep = Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create(count));
        return value & keep.AsSingle();
    }
}
