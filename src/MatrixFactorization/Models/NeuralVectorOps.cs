using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MatrixFactorization.Models;

/// <summary>
/// Dot and axpy for the short rows of the hidden layers (a few dozen floats), inlined into the
/// backpropagation loop: at these lengths the dispatch and checks of the general kernels cost
/// more than the arithmetic.
/// </summary>
internal static class NeuralVectorOps
{
    /// <summary>y ← y + a·x over x's length (y at least as long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        if (y.Length < x.Length)
        {
            throw new ArgumentException("y is shorter than x.", nameof(y));
        }

        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<float>(a);
            for (; k <= x.Length - Vector<float>.Count; k += Vector<float>.Count)
            {
                ref float yk = ref Unsafe.Add(ref ys, k);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref yk) + (va * Vector.LoadUnsafe(ref Unsafe.Add(ref xs, k))), ref yk);
            }
        }

        for (; k < x.Length; k++)
        {
            Unsafe.Add(ref ys, k) += a * Unsafe.Add(ref xs, k);
        }
    }

    /// <summary>x · y over x's length (y at least as long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (y.Length < x.Length)
        {
            throw new ArgumentException("y is shorter than x.", nameof(y));
        }

        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        int k = 0;
        float sum = 0f;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> acc = Vector<float>.Zero;
            for (; k <= x.Length - Vector<float>.Count; k += Vector<float>.Count)
            {
                acc += Vector.LoadUnsafe(ref Unsafe.Add(ref xs, k)) * Vector.LoadUnsafe(ref Unsafe.Add(ref ys, k));
            }

            sum = Vector.Sum(acc);
        }

        for (; k < x.Length; k++)
        {
            sum += Unsafe.Add(ref xs, k) * Unsafe.Add(ref ys, k);
        }

        return sum;
    }
}
