using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

public static partial class FactorKernels
{
    /// <summary>
    /// Scores a user against every item: <c>scores[i] = p · items.Row(i)</c>, the first step of a top-N query.
    /// </summary>
    /// <param name="p">The user's factor vector, <see cref="FactorMatrix.Columns"/> long.</param>
    /// <param name="items">The item factors.</param>
    /// <param name="scores">Receives one score per item row; exactly <see cref="FactorMatrix.Rows"/> long.</param>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    /// <exception cref="ArgumentException">A span length does not match <paramref name="items"/>.</exception>
    internal static void ScoreAll(ReadOnlySpan<float> p, FactorMatrix items, Span<float> scores) =>
        ScoreAll(KernelDispatch.Active, p, items, scores);

    internal static void ScoreAll(KernelPath path, ReadOnlySpan<float> p, FactorMatrix items, Span<float> scores)
    {
        CheckMatrixArguments(p, nameof(p), items, scores, nameof(scores));
        ref float matrix = ref MemoryMarshal.GetReference(items.PaddedStorage);
        ref float output = ref MemoryMarshal.GetReference(scores);
        if (path == KernelPath.Scalar)
        {
            ScoreAllKernel.Scalar(ref MemoryMarshal.GetReference(p), ref matrix, items.Rows, items.Columns, items.Stride, ref output);
            return;
        }

        // With a single 512-bit vector per row, folding each row's accumulator down to a scalar is
        // most of the work, and the 256-bit fold is cheaper (fewer shuffles on the one shuffle port).
        if (path == KernelPath.Vector512 && items.Stride == Vector512<float>.Count)
        {
            path = KernelPath.Vector256;
        }

        using var padded = new PaddedVector(p, items.Stride, stackalloc float[PaddedVector.StackLength(items.Stride)]);
        switch (path)
        {
            case KernelPath.Vector512:
                ScoreAllKernel.Vector<Simd512, Vector512<float>>(ref padded.Reference, ref matrix, items.Rows, items.Stride, ref output);
                break;
            case KernelPath.Vector256:
                ScoreAllKernel.Vector<Simd256, Vector256<float>>(ref padded.Reference, ref matrix, items.Rows, items.Stride, ref output);
                break;
            default:
                ScoreAllKernel.Vector<Simd128, Vector128<float>>(ref padded.Reference, ref matrix, items.Rows, items.Stride, ref output);
                break;
        }
    }

    private static void CheckMatrixArguments(
        ReadOnlySpan<float> vector, string vectorName, FactorMatrix matrix, ReadOnlySpan<float> output, string outputName)
    {
        ArgumentNullException.ThrowIfNull(matrix, nameof(matrix));
        if (vector.Length != matrix.Columns)
        {
            ThrowHelper.WrongLength(vectorName, matrix.Columns, vector.Length);
        }

        if (output.Length != matrix.Rows)
        {
            ThrowHelper.WrongLength(outputName, matrix.Rows, output.Length);
        }
    }
}
