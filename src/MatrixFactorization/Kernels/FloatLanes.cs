using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

/// <summary>
/// The few single-precision vector operations of <see cref="FloatUpperCholesky"/>, once per width, so the
/// factorization is written once as a generic method; <c>float</c> itself is the one-lane case.
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal interface IFloatLanes<TVec>
    where TVec : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    static abstract TVec Zero { get; }

    static abstract TVec Create(float value);

    /// <summary>Loads <see cref="Count"/> floats at <paramref name="offset"/> without bounds checks.</summary>
    static abstract TVec Load(ref float source, nuint offset);

    /// <summary>Stores <see cref="Count"/> floats at <paramref name="offset"/> without bounds checks.</summary>
    static abstract void Store(TVec value, ref float destination, nuint offset);

    /// <summary>(<paramref name="left"/> × <paramref name="right"/>) + <paramref name="addend"/>, fused.</summary>
    static abstract TVec MultiplyAdd(TVec left, TVec right, TVec addend);

    static abstract TVec Multiply(TVec left, TVec right);

    static abstract TVec Add(TVec left, TVec right);

    /// <summary>Horizontal sum of all lanes.</summary>
    static abstract float Sum(TVec value);

    /// <summary>The first <paramref name="keep"/> lanes of <paramref name="old"/>, the rest of <paramref name="computed"/>.</summary>
    static abstract TVec Select(TVec old, TVec computed, int keep);
}

/// <summary>One float: the scalar path.</summary>
internal readonly struct FloatLanes1 : IFloatLanes<float>
{
    public static int Count => 1;

    public static float Zero => 0;

    public static float Create(float value) => value;

    // SAFETY (loads and stores of all widths): callers keep offset + Count inside the row they index.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(ref float source, nuint offset) => Unsafe.Add(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float value, ref float destination, nuint offset) => Unsafe.Add(ref destination, offset) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float left, float right, float addend) => MathF.FusedMultiplyAdd(left, right, addend);

    public static float Multiply(float left, float right) => left * right;

    public static float Add(float left, float right) => left + right;

    public static float Sum(float value) => value;

    public static float Select(float old, float computed, int keep) => keep > 0 ? old : computed;
}

/// <summary>Four floats.</summary>
internal readonly struct FloatLanes128 : IFloatLanes<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;

    public static Vector128<float> Zero => Vector128<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Create(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend) => Vector128.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> value) => Vector128.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Select(Vector128<float> old, Vector128<float> computed, int keep) =>
        Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create(keep)).AsSingle(), computed, old);
}

/// <summary>Eight floats.</summary>
internal readonly struct FloatLanes256 : IFloatLanes<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;

    public static Vector256<float> Zero => Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Create(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) => Vector256.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> value) => FloatLanes128.Sum(value.GetLower() + value.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Select(Vector256<float> old, Vector256<float> computed, int keep) =>
        Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(keep)).AsSingle(), computed, old);
}
