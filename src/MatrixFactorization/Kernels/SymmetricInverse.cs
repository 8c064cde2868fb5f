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

    /// <summary>Replaces a symmetric positive definite matrix (both triangles stored) by its inverse.</summary>
    /// <param name="m">A square block.</param>
    /// <param name="threads">Threads to use, at least 1.</param>
    /// <exception cref="ArithmeticException">The matrix is not numerically positive definite.</exception>
    public static void Invert(DoubleBlock m, int threads)
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

        Invert(a, threads);
        var z = new DoubleBlock(GC.AllocateUninitializedArray<double>(n2 * n1), 0, n2, n1, n1);
        Clear(z);
        DoubleGemm.MultiplyAdd(1, b, false, a, false, z, lowerOnly: false, threads);          // Z = B·A⁻¹
        DoubleGemm.MultiplyAdd(-1, z, false, b, true, c, lowerOnly: true, threads);           // S = C − Z·Bᵀ
        MirrorLower(c);
        Invert(c, threads);                                                                    // C ← S⁻¹
        Clear(b);
        DoubleGemm.MultiplyAdd(-1, c, false, z, false, b, lowerOnly: false, threads);         // B ← −S⁻¹Z
        DoubleGemm.MultiplyAdd(-1, z, true, b, false, a, lowerOnly: true, threads);           // A ← A⁻¹ + ZᵀS⁻¹Z
        MirrorLower(a);
        for (int i = 0; i < n1; i++)
        {
            Span<double> row = upper.Row(i);
            for (int j = 0; j < n2; j++)
            {
                row[j] = b[j, i];
            }
        }
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

    private static void MirrorLower(DoubleBlock m)
    {
        for (int i = 0; i < m.Rows; i++)
        {
            for (int j = 0; j < i; j++)
            {
                m[j, i] = m[i, j];
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
