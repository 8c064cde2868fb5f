namespace MatrixFactorization.Kernels;

/// <summary>
/// Inverts a symmetric positive definite matrix of doubles in place, by recursive Schur
/// complements: with M = [A Bᵀ; B C],
/// M⁻¹ = [A⁻¹ + ZᵀS⁻¹Z, −ZᵀS⁻¹; −S⁻¹Z, S⁻¹], where Z = B·A⁻¹ and S = C − Z·Bᵀ.
/// </summary>
/// <remarks>
/// <para>
/// Each level inverts A and S recursively and spends its work in four <see cref="DoubleGemm"/>
/// products, two of them symmetric (only their lower triangles are computed), so the whole
/// inversion costs about n³ floating-point operations, like a Cholesky factorization followed by
/// the inverse of the factor (LAPACK's potrf + potri), but all of it at the speed of the packed
/// product. Blocks of at most <see cref="LeafSize"/> rows are inverted directly, through their
/// Cholesky factor.
/// </para>
/// <para>
/// This is block Gaussian elimination without pivoting, which is stable for symmetric positive
/// definite matrices: every Schur complement is again positive definite and no smaller in its
/// least eigenvalue than M. Only the lower triangles of the symmetric products are computed and
/// then mirrored, so the result is exactly symmetric. The result is bit-identical for every thread
/// count (see <see cref="DoubleGemm"/>).
/// </para>
/// </remarks>
internal static class SymmetricInverse
{
    private const int LeafSize = 96;

    /// <summary>Side of the tiles in which transposed copies run: 32 × 32 doubles, 8 KB.</summary>
    private const int TransposeTile = 32;

    /// <summary>Replaces a symmetric positive definite matrix (both triangles stored) by its inverse.</summary>
    /// <param name="m">A square block.</param>
    /// <param name="threads">Threads to use, at least 1.</param>
    /// <param name="cancellation">Checked between blocks of every product; a cancelled inverse throws and leaves the matrix spoiled.</param>
    /// <exception cref="ArithmeticException">The matrix is not numerically positive definite.</exception>
    public static void Invert(DoubleBlock m, int threads, CancellationToken cancellation = default)
    {
        int n = m.Rows;
        if (n <= LeafSize)
        {
            InvertLeaf(m);
            return;
        }

        // Split at a multiple of the leaf size so that every leaf below is full-sized but the last.
        int n1 = Math.Max(LeafSize, (n / 2) + LeafSize - 1) / LeafSize * LeafSize;
        n1 = Math.Min(n1, n - 1);
        int n2 = n - n1;
        DoubleBlock a = m.Slice(0, 0, n1, n1);
        DoubleBlock b = m.Slice(n1, 0, n2, n1);
        DoubleBlock c = m.Slice(n1, n1, n2, n2);
        DoubleBlock upper = m.Slice(0, n1, n1, n2);

        // A ← A⁻¹
        Invert(a, threads, cancellation);

        // Z = B·A⁻¹, then C ← S = C − Z·Bᵀ (symmetric: the lower triangle, mirrored)
        var z = new DoubleBlock(new double[n2 * n1], 0, n2, n1, n1);
        DoubleGemm.MultiplyAdd(1, b, false, a, false, z, lowerOnly: false, threads, cancellation);
        DoubleGemm.MultiplyAdd(-1, z, false, b, true, c, lowerOnly: true, threads, cancellation);
        MirrorLower(c);

        // C ← S⁻¹, B ← −S⁻¹Z, A ← A⁻¹ + ZᵀS⁻¹Z = A⁻¹ − Zᵀ·B
        Invert(c, threads, cancellation);
        Clear(b);
        DoubleGemm.MultiplyAdd(-1, c, false, z, false, b, lowerOnly: false, threads, cancellation);
        DoubleGemm.MultiplyAdd(-1, z, true, b, false, a, lowerOnly: true, threads, cancellation);
        MirrorLower(a);
        CopyTransposed(b, upper);
    }

    /// <summary>Inverts a small block through its Cholesky factor L: M⁻¹ = L⁻ᵀL⁻¹.</summary>
    private static void InvertLeaf(DoubleBlock m)
    {
        int n = m.Rows;
        var l = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            double diagonal = m[j, j];
            for (int k = 0; k < j; k++)
            {
                diagonal -= l[(j * n) + k] * l[(j * n) + k];
            }

            if (!(diagonal > 0))
            {
                throw new ArithmeticException("The matrix is not positive definite to working precision; raise the regularization.");
            }

            double root = Math.Sqrt(diagonal);
            l[(j * n) + j] = root;
            for (int i = j + 1; i < n; i++)
            {
                double sum = m[i, j];
                for (int k = 0; k < j; k++)
                {
                    sum -= l[(i * n) + k] * l[(j * n) + k];
                }

                l[(i * n) + j] = sum / root;
            }
        }

        // W = L⁻¹, lower triangular, by forward substitution column by column.
        var w = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            w[(j * n) + j] = 1 / l[(j * n) + j];
            for (int i = j + 1; i < n; i++)
            {
                double sum = 0;
                for (int k = j; k < i; k++)
                {
                    sum += l[(i * n) + k] * w[(k * n) + j];
                }

                w[(i * n) + j] = -sum / l[(i * n) + i];
            }
        }

        // M⁻¹[i, j] = Σ_k W[k, i]·W[k, j] over k ≥ max(i, j).
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = 0;
                for (int k = i; k < n; k++)
                {
                    sum += w[(k * n) + i] * w[(k * n) + j];
                }

                m[i, j] = sum;
                m[j, i] = sum;
            }
        }
    }

    /// <summary>Copies the lower triangle onto the upper one.</summary>
    private static void MirrorLower(DoubleBlock m)
    {
        for (int i0 = 0; i0 < m.Rows; i0 += TransposeTile)
        {
            int rows = Math.Min(TransposeTile, m.Rows - i0);
            for (int j0 = 0; j0 < i0; j0 += TransposeTile)
            {
                CopyTransposed(m.Slice(i0, j0, rows, TransposeTile), m.Slice(j0, i0, TransposeTile, rows));
            }

            // The diagonal tile, element by element below its diagonal.
            for (int i = i0; i < i0 + rows; i++)
            {
                for (int j = i0; j < i; j++)
                {
                    m[j, i] = m[i, j];
                }
            }
        }
    }

    /// <summary>target = sourceᵀ, tile by tile, so that the strided side of the copy stays in cache.</summary>
    private static void CopyTransposed(DoubleBlock source, DoubleBlock target)
    {
        for (int i0 = 0; i0 < source.Rows; i0 += TransposeTile)
        {
            int i1 = Math.Min(source.Rows, i0 + TransposeTile);
            for (int j0 = 0; j0 < source.Columns; j0 += TransposeTile)
            {
                int j1 = Math.Min(source.Columns, j0 + TransposeTile);
                for (int i = i0; i < i1; i++)
                {
                    for (int j = j0; j < j1; j++)
                    {
                        target[j, i] = source[i, j];
                    }
                }
            }
        }
    }

    private static void Clear(DoubleBlock m)
    {
        for (int i = 0; i < m.Rows; i++)
        {
            m.Row(i).Clear();
        }
    }
}
