using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

/// <summary>
/// The few double-precision vector operations of <see cref="UpperCholesky"/>, once per width, so the
/// factorization is written once as a generic method; <c>double</c> itself is the one-lane case.
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal interface IDoubleLanes<TVec>
    where TVec : struct
{
    /// <summary>Doubles per vector.</summary>
    static abstract int Count { get; }

    static abstract TVec Zero { get; }

    static abstract TVec Create(double value);

    /// <summary>Loads <see cref="Count"/> doubles at <paramref name="offset"/> without bounds checks.</summary>
    static abstract TVec Load(ref double source, nuint offset);

    /// <summary>Stores <see cref="Count"/> doubles at <paramref name="offset"/> without bounds checks.</summary>
    static abstract void Store(TVec value, ref double destination, nuint offset);

    /// <summary>(<paramref name="left"/> × <paramref name="right"/>) + <paramref name="addend"/>, fused.</summary>
    static abstract TVec MultiplyAdd(TVec left, TVec right, TVec addend);

    static abstract TVec Multiply(TVec left, TVec right);

    static abstract TVec Add(TVec left, TVec right);

    /// <summary>Horizontal sum of all lanes.</summary>
    static abstract double Sum(TVec value);

    /// <summary>The first <paramref name="keep"/> lanes of <paramref name="old"/>, the rest of <paramref name="computed"/>.</summary>
    static abstract TVec Select(TVec old, TVec computed, int keep);
}

/// <summary>One double: the scalar path.</summary>
internal readonly struct DoubleLanes1 : IDoubleLanes<double>
{
    public static int Count => 1;

    public static double Zero => 0;

    public static double Create(double value) => value;

    // SAFETY (loads and stores of all widths): callers keep offset + Count inside the row they index.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Load(ref double source, nuint offset) => Unsafe.Add(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double value, ref double destination, nuint offset) => Unsafe.Add(ref destination, offset) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MultiplyAdd(double left, double right, double addend) => Math.FusedMultiplyAdd(left, right, addend);

    public static double Multiply(double left, double right) => left * right;

    public static double Add(double left, double right) => left + right;

    public static double Sum(double value) => value;

    public static double Select(double old, double computed, int keep) => keep > 0 ? old : computed;
}

/// <summary>Two doubles.</summary>
internal readonly struct DoubleLanes128 : IDoubleLanes<Vector128<double>>
{
    public static int Count => Vector128<double>.Count;

    public static Vector128<double> Zero => Vector128<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Create(double value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Load(ref double source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> MultiplyAdd(Vector128<double> left, Vector128<double> right, Vector128<double> addend) => Vector128.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Multiply(Vector128<double> left, Vector128<double> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Add(Vector128<double> left, Vector128<double> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector128<double> value) => value.GetElement(0) + value.GetElement(1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Select(Vector128<double> old, Vector128<double> computed, int keep) =>
        Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(Vector128<long>.Indices, Vector128.Create((long)keep)).AsDouble(), computed, old);
}

/// <summary>Four doubles.</summary>
internal readonly struct DoubleLanes256 : IDoubleLanes<Vector256<double>>
{
    public static int Count => Vector256<double>.Count;

    public static Vector256<double> Zero => Vector256<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Create(double value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> left, Vector256<double> right, Vector256<double> addend) => Vector256.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> left, Vector256<double> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> left, Vector256<double> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector256<double> value) => DoubleLanes128.Sum(value.GetLower() + value.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Select(Vector256<double> old, Vector256<double> computed, int keep) =>
        Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(Vector256<long>.Indices, Vector256.Create((long)keep)).AsDouble(), computed, old);
}

/// <summary>Eight doubles.</summary>
internal readonly struct DoubleLanes512 : IDoubleLanes<Vector512<double>>
{
    public static int Count => Vector512<double>.Count;

    public static Vector512<double> Zero => Vector512<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Create(double value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(ref double source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MultiplyAdd(Vector512<double> left, Vector512<double> right, Vector512<double> addend) => Vector512.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> left, Vector512<double> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> left, Vector512<double> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector512<double> value) => DoubleLanes256.Sum(value.GetLower() + value.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Select(Vector512<double> old, Vector512<double> computed, int keep) =>
        Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(Vector512<long>.Indices, Vector512.Create((long)keep)).AsDouble(), computed, old);
}
