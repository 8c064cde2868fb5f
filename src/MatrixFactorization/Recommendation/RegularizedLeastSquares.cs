using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// Solves min ‖A x − y‖² + Σ λ_d x_d² exactly, where row r of A is a fixed factor vector
/// (followed by a constant 1 for the bias, so d is k or k + 1) and Λ is diagonal and positive.
/// Keeps its Cholesky factorization so W = (AᵀA + Λ)⁻¹ can be applied later, for explanations.
/// </summary>
/// <remarks>
/// With at least d observations it factors the d×d normal equations (AᵀA + Λ) x = Aᵀy. With
/// fewer — the usual fold-in, a handful of ratings against k = 64 — it factors the smaller n×n
/// system of the equivalent dual form x = Λ⁻¹Aᵀ(AΛ⁻¹Aᵀ + I)⁻¹y (the push-through identity), and
/// applies W by the Woodbury identity W = Λ⁻¹ − Λ⁻¹Aᵀ(I + AΛ⁻¹Aᵀ)⁻¹AΛ⁻¹. Same answer, a fraction
/// of the work.
/// </remarks>
internal sealed class RegularizedLeastSquares : IUserSolution
{
    private readonly FactorMatrix _matrix;
    private readonly int[] _rows;
    private readonly bool _withBias;
    private readonly double[] _penalties;
    private readonly Cholesky<double> _cholesky;
    private readonly bool _dual;

    private RegularizedLeastSquares(FactorMatrix matrix, int[] rows, bool withBias, double[] penalties, Cholesky<double> cholesky, bool dual, double[] solution)
    {
        _matrix = matrix;
        _rows = rows;
        _withBias = withBias;
        _penalties = penalties;
        _cholesky = cholesky;
        _dual = dual;
        Solution = solution;
    }

    /// <summary>The coefficients x: the k factors, then the bias when there is one.</summary>
    public double[] Solution { get; }

    /// <param name="matrix">The fixed factor vectors.</param>
    /// <param name="rows">For each observation, the row of <paramref name="matrix"/> it is about; kept, not copied.</param>
    /// <param name="targets">The observed values, one per row.</param>
    /// <param name="withBias">Append a constant-1 feature whose coefficient is the bias.</param>
    /// <param name="factorPenalty">λ for the factor coefficients, positive.</param>
    /// <param name="biasPenalty">λ for the bias coefficient, positive.</param>
    public static RegularizedLeastSquares Solve(
        FactorMatrix matrix, int[] rows, ReadOnlySpan<double> targets, bool withBias, double factorPenalty, double biasPenalty)
    {
        int k = matrix.Columns;
        int d = k + (withBias ? 1 : 0);
        var penalties = new double[d];
        Array.Fill(penalties, factorPenalty, 0, k);
        if (withBias)
        {
            penalties[k] = biasPenalty;
        }

        return rows.Length < d
            ? SolveDual(matrix, rows, targets, withBias, penalties)
            : SolvePrimal(matrix, rows, targets, withBias, penalties);
    }

    /// <summary>W a for a feature vector a (the factors, plus 1 when there is a bias).</summary>
    public double[] ApplyInverse(ReadOnlySpan<double> features)
    {
        if (!_dual)
        {
            return _cholesky.Solve(Vector<double>.Build.Dense(features.ToArray())).ToArray();
        }

        // W a = Λ⁻¹a − Λ⁻¹Aᵀ M⁻¹ A Λ⁻¹a with M = I + AΛ⁻¹Aᵀ.
        int d = _penalties.Length;
        var scaled = new double[d];
        for (int f = 0; f < d; f++)
        {
            scaled[f] = features[f] / _penalties[f];
        }

        var projected = new double[_rows.Length];
        for (int r = 0; r < _rows.Length; r++)
        {
            projected[r] = FeatureDot(_matrix.Row(_rows[r]), _withBias, scaled);
        }

        double[] weights = _cholesky.Solve(Vector<double>.Build.Dense(projected)).ToArray();
        double[] correction = Combine(_matrix, _rows, _withBias, weights, _penalties);
        for (int f = 0; f < d; f++)
        {
            scaled[f] -= correction[f];
        }

        return scaled;
    }

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

    private static RegularizedLeastSquares SolvePrimal(FactorMatrix matrix, int[] rows, ReadOnlySpan<double> targets, bool withBias, double[] penalties)
    {
        int d = penalties.Length;

        // Column-major d×d Gram matrix, upper triangle accumulated then mirrored: it is symmetric.
        var gram = new double[d * d];
        var rhs = new double[d];
        var a = new double[d];
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

            gram[(col * d) + col] += penalties[col];
        }

        Cholesky<double> cholesky = Matrix<double>.Build.Dense(d, d, gram).Cholesky();
        double[] solution = cholesky.Solve(Vector<double>.Build.Dense(rhs)).ToArray();
        return new RegularizedLeastSquares(matrix, rows, withBias, penalties, cholesky, dual: false, solution);
    }

    private static RegularizedLeastSquares SolveDual(FactorMatrix matrix, int[] rows, ReadOnlySpan<double> targets, bool withBias, double[] penalties)
    {
        int n = rows.Length;
        int k = matrix.Columns;

        // M = I + A Λ⁻¹ Aᵀ, n×n, column-major and symmetric. Λ is λ on every factor, so the factor
        // part is a plain dot product scaled once.
        var m = new double[n * n];
        double factorScale = 1 / penalties[0];
        double biasTerm = withBias ? 1 / penalties[k] : 0;
        for (int r = 0; r < n; r++)
        {
            ReadOnlySpan<float> qr = matrix.Row(rows[r]);
            for (int s = 0; s <= r; s++)
            {
                double sum = (FactorKernels.Dot(qr, matrix.Row(rows[s])) * factorScale) + biasTerm;

                m[(r * n) + s] = sum;
                m[(s * n) + r] = sum;
            }

            m[(r * n) + r] += 1;
        }

        Cholesky<double> cholesky = Matrix<double>.Build.Dense(n, n, m).Cholesky();
        double[] z = cholesky.Solve(Vector<double>.Build.Dense(targets.ToArray())).ToArray();
        double[] solution = Combine(matrix, rows, withBias, z, penalties);
        return new RegularizedLeastSquares(matrix, rows, withBias, penalties, cholesky, dual: true, solution);
    }

    /// <summary>Λ⁻¹ Aᵀ w: the weighted sum of the rows' features, divided by the penalties.</summary>
    private static double[] Combine(FactorMatrix matrix, int[] rows, bool withBias, double[] weights, double[] penalties)
    {
        int k = matrix.Columns;
        var x = new double[penalties.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            ReadOnlySpan<float> q = matrix.Row(rows[r]);
            double w = weights[r];
            for (int f = 0; f < k; f++)
            {
                x[f] += w * q[f];
            }

            if (withBias)
            {
                x[k] += w;
            }
        }

        for (int f = 0; f < x.Length; f++)
        {
            x[f] /= penalties[f];
        }

        return x;
    }

    private static double FeatureDot(ReadOnlySpan<float> factors, bool withBias, ReadOnlySpan<double> v)
    {
        double sum = 0;
        for (int f = 0; f < factors.Length; f++)
        {
            sum += factors[f] * v[f];
        }

        return withBias ? sum + v[factors.Length] : sum;
    }
}
