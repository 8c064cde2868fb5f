using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MatrixFactorization.Models;

/// <summary>
/// Vector loops for the short rows of the hidden layers (a few dozen floats), inlined into the
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

    /// <summary>
    /// The backward step of one input row of a layer, in one pass over the output gradient d:
    /// gradientRow ← gradientRow + a·d (as <see cref="Axpy"/>), and returns weightRow · d (one vector
    /// accumulator, then its lanes, then the tail); all spans at least as long as d.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float AxpyDot(float a, ReadOnlySpan<float> d, Span<float> gradientRow, ReadOnlySpan<float> weightRow)
    {
        if (gradientRow.Length < d.Length || weightRow.Length < d.Length)
        {
            throw new ArgumentException("A row is shorter than d.", nameof(gradientRow));
        }

        ref float ds = ref MemoryMarshal.GetReference(d);
        ref float gs = ref MemoryMarshal.GetReference(gradientRow);
        ref float ws = ref MemoryMarshal.GetReference(weightRow);
        int k = 0;
        float sum = 0f;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<float>(a);
            Vector<float> acc = Vector<float>.Zero;
            for (; k <= d.Length - Vector<float>.Count; k += Vector<float>.Count)
            {
                Vector<float> dk = Vector.LoadUnsafe(ref Unsafe.Add(ref ds, k));
                ref float gk = ref Unsafe.Add(ref gs, k);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref gk) + (va * dk), ref gk);
                acc += Vector.LoadUnsafe(ref Unsafe.Add(ref ws, k)) * dk;
            }

            sum = Vector.Sum(acc);
        }

        for (; k < d.Length; k++)
        {
            float dk = Unsafe.Add(ref ds, k);
            Unsafe.Add(ref gs, k) += a * dk;
            sum += Unsafe.Add(ref ws, k) * dk;
        }

        return sum;
    }

    /// <summary>
    /// output[j] += Σ x[k]·weights[k·width + j] over the listed rows k, for j in [0, width): the
    /// product of a sparse input with an input-major weight matrix. Each output element is summed in
    /// list order, exactly as one <see cref="Axpy"/> per row would, but four vectors of outputs stay
    /// in registers across the whole list instead of being stored and reloaded for every row.
    /// </summary>
    public static void AddRows(ReadOnlySpan<float> x, ReadOnlySpan<int> rows, ReadOnlySpan<float> weights, int width, Span<float> output)
    {
        if (output.Length < width)
        {
            throw new ArgumentException("output is shorter than width.", nameof(output));
        }

        ref float os = ref MemoryMarshal.GetReference(output);
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int n = Vector<float>.Count;
            for (; j <= width - (4 * n); j += 4 * n)
            {
                ref float oj = ref Unsafe.Add(ref os, j);
                Vector<float> a0 = Vector.LoadUnsafe(ref oj);
                Vector<float> a1 = Vector.LoadUnsafe(ref Unsafe.Add(ref oj, n));
                Vector<float> a2 = Vector.LoadUnsafe(ref Unsafe.Add(ref oj, 2 * n));
                Vector<float> a3 = Vector.LoadUnsafe(ref Unsafe.Add(ref oj, 3 * n));
                foreach (int k in rows)
                {
                    var xk = new Vector<float>(x[k]);
                    ReadOnlySpan<float> w = weights.Slice((k * width) + j, 4 * n);
                    ref float ws = ref MemoryMarshal.GetReference(w);
                    a0 += xk * Vector.LoadUnsafe(ref ws);
                    a1 += xk * Vector.LoadUnsafe(ref Unsafe.Add(ref ws, n));
                    a2 += xk * Vector.LoadUnsafe(ref Unsafe.Add(ref ws, 2 * n));
                    a3 += xk * Vector.LoadUnsafe(ref Unsafe.Add(ref ws, 3 * n));
                }

                Vector.StoreUnsafe(a0, ref oj);
                Vector.StoreUnsafe(a1, ref Unsafe.Add(ref oj, n));
                Vector.StoreUnsafe(a2, ref Unsafe.Add(ref oj, 2 * n));
                Vector.StoreUnsafe(a3, ref Unsafe.Add(ref oj, 3 * n));
            }

            for (; j <= width - n; j += n)
            {
                ref float oj = ref Unsafe.Add(ref os, j);
                Vector<float> a0 = Vector.LoadUnsafe(ref oj);
                foreach (int k in rows)
                {
                    ReadOnlySpan<float> w = weights.Slice((k * width) + j, n);
                    a0 += new Vector<float>(x[k]) * Vector.LoadUnsafe(ref MemoryMarshal.GetReference(w));
                }

                Vector.StoreUnsafe(a0, ref oj);
            }
        }

        for (; j < width; j++)
        {
            float sum = Unsafe.Add(ref os, j);
            foreach (int k in rows)
            {
                sum += x[k] * weights[(k * width) + j];
            }

            Unsafe.Add(ref os, j) = sum;
        }
    }
}
