using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// Solves min ‖A x − y‖² + Σ λ_d x_d² by the normal equations (AᵀA + Λ) x = Aᵀ y with a Cholesky
/// factorization, keeping the factorization so W = (AᵀA + Λ)⁻¹ can be applied later (for
/// explanations). The rows of A are fixed factor vectors, optionally followed by a constant 1 for
/// the bias, so d is k or k + 1.
/// </summary>
internal sealed class RegularizedLeastSquares
{
    private readonly Cholesky<double> _cholesky;

    private RegularizedLeastSquares(Cholesky<double> cholesky, double[] solution)
    {
        _cholesky = cholesky;
        Solution = solution;
    }

    public double[] Solution { get; }

    /// <param name="matrix">The fixed factor vectors.</param>
    /// <param name="rows">For each observation, the row of <paramref name="matrix"/> it is about.</param>
    /// <param name="targets">The observed values, one per row.</param>
    /// <param name="withBias">Append a constant-1 feature whose coefficient is the bias.</param>
    /// <param name="factorPenalty">λ for the factor coefficients.</param>
    /// <param name="biasPenalty">λ for the bias coefficient.</param>
    public static RegularizedLeastSquares Solve(
        FactorMatrix matrix, ReadOnlySpan<int> rows, ReadOnlySpan<double> targets, bool withBias, double factorPenalty, double biasPenalty)
    {
        int factors = matrix.Columns;
        int d = factors + (withBias ? 1 : 0);

        // Column-major d×d Gram matrix, upper triangle accumulated then mirrored: it is symmetric.
        var gram = new double[d * d];
        var rhs = new double[d];
        Span<double> a = d <= 512 ? stackalloc double[d] : new double[d];
        for (int r = 0; r < rows.Length; r++)
        {
            Features(matrix.Row(rows[r]), withBias, a);
            double y = targets[r];
            for (int col = 0; col < d; col++)
            {
                double ac = a[col];
                rhs[col] += ac * y;
                int offset = col * d;
                for (int row = 0; row <= col; row++)
                {
                    gram[offset + row] += a[row] * ac;
                }
            }
        }

        for (int col = 0; col < d; col++)
        {
            for (int row = 0; row < col; row++)
            {
                gram[(row * d) + col] = gram[(col * d) + row];
            }

            gram[(col * d) + col] += col < factors ? factorPenalty : biasPenalty;
        }

        Cholesky<double> cholesky = Matrix<double>.Build.Dense(d, d, gram).Cholesky();
        double[] solution = cholesky.Solve(Vector<double>.Build.Dense(rhs)).ToArray();
        return new RegularizedLeastSquares(cholesky, solution);
    }

    /// <summary>W a for a feature vector a (the factors, plus 1 when there is a bias).</summary>
    public double[] ApplyInverse(ReadOnlySpan<double> features) =>
        _cholesky.Solve(Vector<double>.Build.Dense(features.ToArray())).ToArray();

    /// <summary>Writes a row's features: its factors, then 1 when the system has a bias.</summary>
    public static void Features(ReadOnlySpan<float> factors, bool withBias, Span<double> destination)
    {
        for (int f = 0; f < factors.Length; f++)
        {
            destination[f] = factors[f];
        }

        if (withBias)
        {
            destination[factors.Length] = 1;
        }
    }
}
