using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MatrixFactorization.Kernels;

/// <summary>256-bit vectors of 8 floats.</summary>
internal readonly struct Simd256 : ISimd<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;

    public static Vector256<float> Zero => Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Create(float value) => Vector256.Create(value);

    // SAFETY: every caller passes an offset with offset + Count inside the row it indexes;
    // the call sites say why.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    // SAFETY: as for Load.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination, nuint offset) =>
        value.StoreUnsafe(ref destination, offset);

    // SAFETY: as for Load.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadBits(ref uint source, nuint offset) => Vector256.LoadUnsafe(ref source, offset).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ShiftLowHalfUp(Vector256<float> value) => Vector256.ShiftLeft(value.AsUInt32(), 16).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> left, Vector256<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Divide(Vector256<float> left, Vector256<float> right) => left / right;

    // Vector256 acceleration means AVX2, and x86 processors with AVX2 also have FMA3, so this is
    // always one fused instruction.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) =>
        Vector256.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplySubtract(Vector256<float> left, Vector256<float> right, Vector256<float> subtrahend) =>
        Fma.IsSupported ? Fma.MultiplySubtract(left, right, subtrahend) : Vector256.FusedMultiplyAdd(left, right, -subtrahend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sqrt(Vector256<float> value) => Vector256.Sqrt(value);

    // Vector256.Sum reduces each 128-bit block separately to keep its result identical across
    // hardware, which costs about three times the instructions of folding halves first.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> value) => Vector128.Sum(Fold(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Fold(Vector256<float> value) => value.GetLower() + value.GetUpper();

    // Both folds in one addition of the halves paired across the two vectors, then Vector128.Sum's
    // (l0 + l1) + (l2 + l3) in both 128-bit halves at once.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SumPair(Vector256<float> first, Vector256<float> second)
    {
        if (!Avx.IsSupported)
        {
            return Vector256.Create(Vector128.Create(Sum(first)), Vector128.Create(Sum(second)));
        }

        Vector256<float> folded = Avx.Permute2x128(first, second, 0x20) + Avx.Permute2x128(first, second, 0x31);
        return SumWithinHalves(folded);
    }

    /// <summary>(l0 + l1) + (l2 + l3) of each 128-bit half, in every lane of that half: Vector128.Sum's order (x86 only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> SumWithinHalves(Vector256<float> value)
    {
        Vector256<float> pairs = value + Avx.Permute(value, 0b10_11_00_01);
        return pairs + Avx.Permute(pairs, 0b01_00_11_10);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ClearLeading(Vector256<float> value, int count)
    {
        Vector256<int> keep = Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(count));
        return value & keep.AsSingle();
    }
}
