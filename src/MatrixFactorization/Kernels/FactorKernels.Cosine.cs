using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

public static partial class FactorKernels
{
    /// <summary>
    /// Cosine similarity of <paramref name="x"/> with every row:
    /// <c>similarities[i] = x·Rᵢ / (‖x‖·‖Rᵢ‖)</c>, computing the row norms on the way.
    /// </summary>
    /// <remarks>
    /// If ‖x‖ or ‖Rᵢ‖ is zero the similarity is defined as 0 rather than NaN, so a zero vector is
    /// dissimilar to everything. NaN anywhere in x or Rᵢ gives NaN. Everything is computed in single
    /// precision: norms below about 1e-19 or above about 1e19 underflow or overflow when squared.
    /// To compare against the same matrix repeatedly, compute <see cref="RowNorms(FactorMatrix, Span{float})"/> once and use the
    /// overload that takes them.
    /// </remarks>
    /// <param name="x">The query vector, <see cref="FactorMatrix.Columns"/> long; may be a row of <paramref name="rows"/>.</param>
    /// <param name="rows">The matrix whose rows are compared with <paramref name="x"/>.</param>
    /// <param name="similarities">Receives one similarity per row; exactly <see cref="FactorMatrix.Rows"/> long.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    /// <exception cref="ArgumentException">A span length does not match <paramref name="rows"/>.</exception>
    internal static void CosineSimilarityAll(ReadOnlySpan<float> x, FactorMatrix rows, Span<float> similarities) =>
        CosineSimilarityAll(KernelDispatch.Active, x, rows, similarities);

    /// <summary>
    /// Cosine similarity of <paramref name="x"/> with every row, using precomputed row norms
    /// (from <see cref="RowNorms(FactorMatrix, Span{float})"/>); otherwise as
    /// <see cref="CosineSimilarityAll(ReadOnlySpan{float}, FactorMatrix, Span{float})"/>.
    /// </summary>
    /// <param name="x">The query vector, <see cref="FactorMatrix.Columns"/> long.</param>
    /// <param name="rows">The matrix whose rows are compared with <paramref name="x"/>.</param>
    /// <param name="rowNorms">Euclidean norm of each row; exactly <see cref="FactorMatrix.Rows"/> long.</param>
    /// <param name="similarities">Receives one similarity per row; exactly <see cref="FactorMatrix.Rows"/> long.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    /// <exception cref="ArgumentException">A span length does not match <paramref name="rows"/>.</exception>
    internal static void CosineSimilarityAll(ReadOnlySpan<float> x, FactorMatrix rows, ReadOnlySpan<float> rowNorms, Span<float> similarities) =>
        CosineSimilarityAll(KernelDispatch.Active, x, rows, rowNorms, similarities);

    /// <summary>Computes the Euclidean norm of every row: <c>norms[i] = ‖Rᵢ‖</c>.</summary>
    /// <param name="rows">The matrix.</param>
    /// <param name="norms">Receives one norm per row; exactly <see cref="FactorMatrix.Rows"/> long.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="norms"/> does not have one element per row.</exception>
    internal static void RowNorms(FactorMatrix rows, Span<float> norms) => RowNorms(KernelDispatch.Active, rows, norms);

    internal static void CosineSimilarityAll(KernelPath path, ReadOnlySpan<float> x, FactorMatrix rows, Span<float> similarities)
    {
        CheckMatrixArguments(x, nameof(x), rows, similarities, nameof(similarities));
        float normX = MathF.Sqrt(Dot(path, x, x));
        ref float matrix = ref MemoryMarshal.GetReference(rows.PaddedStorage);
        ref float output = ref MemoryMarshal.GetReference(similarities);
        if (path == KernelPath.Scalar)
        {
            CosineKernel.Scalar(ref MemoryMarshal.GetReference(x), normX, ref matrix, rows.Rows, rows.Columns, rows.Stride, ref output);
            return;
        }

        using var padded = new PaddedVector(x, rows.Stride, stackalloc float[PaddedVector.StackLength(rows.Stride)]);
        switch (path)
        {
            case KernelPath.Vector512:
                CosineKernel.Vector<Simd512, Vector512<float>>(ref padded.Reference, normX, ref matrix, rows.Rows, rows.Stride, ref output);
                break;
            case KernelPath.Vector256:
                CosineKernel.Vector<Simd256, Vector256<float>>(ref padded.Reference, normX, ref matrix, rows.Rows, rows.Stride, ref output);
                break;
            default:
                CosineKernel.Vector<Simd128, Vector128<float>>(ref padded.Reference, normX, ref matrix, rows.Rows, rows.Stride, ref output);
                break;
        }
    }

    internal static void CosineSimilarityAll(
        KernelPath path, ReadOnlySpan<float> x, FactorMatrix rows, ReadOnlySpan<float> rowNorms, Span<float> similarities)
    {
        CheckMatrixArguments(x, nameof(x), rows, similarities, nameof(similarities));
        if (rowNorms.Length != rows.Rows)
        {
            ThrowHelper.WrongLength(nameof(rowNorms), rows.Rows, rowNorms.Length);
        }

        ScoreAll(path, x, rows, similarities);
        float normX = MathF.Sqrt(Dot(path, x, x));
        for (int i = 0; i < similarities.Length; i++)
        {
            similarities[i] = CosineKernel.Finish(similarities[i], normX, rowNorms[i]);
        }
    }

    internal static void RowNorms(KernelPath path, FactorMatrix rows, Span<float> norms)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (norms.Length != rows.Rows)
        {
            ThrowHelper.WrongLength(nameof(norms), rows.Rows, norms.Length);
        }

        for (int i = 0; i < norms.Length; i++)
        {
            // Rows are padded with zeros, so the padded dot product is the squared norm.
            ref float row = ref rows.RowReference(i);
            norms[i] = MathF.Sqrt(DotPadded(path, ref row, ref row, rows.Stride));
        }
    }
}
