using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// The exact implicit-feedback solve for one user against fixed item factors Y (Hu, Koren and
/// Volinsky 2008, eq. 4): x = W Yᵀ C p with W = (YᵀY + Yᵀ(C − I)Y + λI)⁻¹, where C holds the
/// user's confidences and p is 1 on the user's interactions (0 on negative feedback). Only the interacted items enter
/// beyond the shared YᵀY, so the k×k system costs O(n·k²) to build for n interactions.
/// </summary>
/// <remarks>Keeps the factorization of W⁻¹, so the score of any item splits into the paper's
/// per-interaction terms c_j · y_iᵀ W y_j (their §5), which add up to y_i · x.</remarks>
internal sealed class ImplicitLeastSquares : IUserSolution
{
    private readonly Cholesky<double> _cholesky;

    private ImplicitLeastSquares(Cholesky<double> cholesky, double[] solution)
    {
        _cholesky = cholesky;
        Solution = solution;
    }

    /// <inheritdoc/>
    public double[] Solution { get; }

    /// <param name="items">Y.</param>
    /// <param name="gram">YᵀY, row-major k×k; not changed.</param>
    /// <param name="regularization">λ.</param>
    /// <param name="rows">The user's items.</param>
    /// <param name="confidences">Their signed confidences, parallel to <paramref name="rows"/>: c for p = 1, −c for p = 0.</param>
    public static ImplicitLeastSquares Solve(FactorMatrix items, double[] gram, double regularization, ReadOnlySpan<int> rows, ReadOnlySpan<double> confidences)
    {
        int k = items.Columns;
        // The gram is symmetric; only its lower triangle is updated, then mirrored.
        var system = (double[])gram.Clone();
        var rhs = new double[k];
        for (int f = 0; f < k; f++)
        {
            system[(f * k) + f] += regularization;
        }

        for (int j = 0; j < rows.Length; j++)
        {
            ReadOnlySpan<float> y = items.GetRow(rows[j]);
            double c = Math.Abs(confidences[j]);
            double target = confidences[j] > 0 ? c : 0;
            for (int f = 0; f < k; f++)
            {
                rhs[f] += target * y[f];
                double weighted = (c - 1) * y[f];
                for (int g = 0; g <= f; g++)
                {
                    system[(f * k) + g] += weighted * y[g];
                }
            }
        }

        // Mirrored, so the row-major array reads the same column-major.
        Mirror(system, k);
        Cholesky<double> cholesky = Matrix<double>.Build.Dense(k, k, system).Cholesky();
        return new ImplicitLeastSquares(cholesky, cholesky.Solve(Vector<double>.Build.Dense(rhs)).ToArray());
    }

    /// <summary>YᵀY over the rows of Y that <paramref name="include"/> accepts, in double precision, row-major.</summary>
    public static double[] Gram(FactorMatrix items, Func<int, bool> include)
    {
        int k = items.Columns;
        var gram = new double[k * k];
        for (int r = 0; r < items.Rows; r++)
        {
            if (!include(r))
            {
                continue;
            }

            ReadOnlySpan<float> y = items.GetRow(r);
            for (int f = 0; f < k; f++)
            {
                double yf = y[f];
                for (int g = 0; g <= f; g++)
                {
                    gram[(f * k) + g] += yf * y[g];
                }
            }
        }

        Mirror(gram, k);
        return gram;
    }

    /// <inheritdoc/>
    public double[] ApplyInverse(ReadOnlySpan<double> features) =>
        _cholesky.Solve(Vector<double>.Build.Dense(features.ToArray())).ToArray();

    /// <summary>Copies the lower triangle of a row-major k×k matrix onto the upper.</summary>
    private static void Mirror(double[] matrix, int k)
    {
        for (int f = 0; f < k; f++)
        {
            for (int g = 0; g < f; g++)
            {
                matrix[(g * k) + f] = matrix[(f * k) + g];
            }
        }
    }
}
