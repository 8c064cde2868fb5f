using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

/// <summary>
/// The handful of vector operations the kernels need, implemented once per width so each kernel is
/// written once as a generic method. Implementations are empty structs: the JIT compiles a separate,
/// fully inlined copy of each kernel per width, so the abstraction costs nothing at run time.
/// </summary>
/// <typeparam name="TVec">The vector type, e.g. <c>Vector256&lt;float&gt;</c>.</typeparam>
internal interface ISimd<TVec>
    where TVec : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    static abstract TVec Zero { get; }

    static abstract TVec Create(float value);

    /// <summary>Loads <see cref="Count"/> floats starting at <paramref name="offset"/> without bounds checks.</summary>
    static abstract TVec Load(ref float source, nuint offset);

    /// <summary>Stores <see cref="Count"/> floats starting at <paramref name="offset"/> without bounds checks.</summary>
    static abstract void Store(TVec value, ref float destination, nuint offset);

    /// <summary>Loads <see cref="Count"/> 32-bit words and reinterprets their bits as floats, without bounds checks.</summary>
    static abstract TVec LoadBits(ref uint source, nuint offset);

    /// <summary>Moves the low 16 bits of every lane into its high 16 bits (zeros below): a bfloat16 in the low half becomes its float.</summary>
    static abstract TVec ShiftLowHalfUp(TVec value);

    static abstract TVec Add(TVec left, TVec right);

    static abstract TVec Subtract(TVec left, TVec right);

    static abstract TVec Multiply(TVec left, TVec right);

    static abstract TVec Divide(TVec left, TVec right);

    /// <summary>(<paramref name="left"/> × <paramref name="right"/>) + <paramref name="addend"/>, fused where the hardware has FMA.</summary>
    static abstract TVec MultiplyAdd(TVec left, TVec right, TVec addend);

    /// <summary>(<paramref name="left"/> × <paramref name="right"/>) − <paramref name="subtrahend"/>, fused as <see cref="MultiplyAdd"/> is.</summary>
    static abstract TVec MultiplySubtract(TVec left, TVec right, TVec subtrahend);

    static abstract TVec Sqrt(TVec value);

    /// <summary>Horizontal sum of all lanes.</summary>
    static abstract float Sum(TVec value);

    /// <summary>
    /// The horizontal sums of two vectors at once, each bit for bit <see cref="Sum"/>: every lane of
    /// the lower half holds that of <paramref name="first"/>, every lane of the upper half that of
    /// <paramref name="second"/>. The two reductions share their shuffles and additions.
    /// </summary>
    static abstract Vector256<float> SumPair(TVec first, TVec second);

    /// <summary>Adds the halves of a vector together down to four partial sums whose total is the sum of all lanes.</summary>
    static abstract Vector128<float> Fold(TVec value);

    /// <summary>
    /// Sets the first <paramref name="count"/> lanes to +0 by masking bits rather than multiplying,
    /// so NaN or infinity in a cleared lane cannot leak into a sum.
    /// </summary>
    static abstract TVec ClearLeading(TVec value, int count);
}
