using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Tests.Training;

/// <summary>
/// Implicit ALS written from the paper's definitions, in double precision, for checking the
/// library: every pair (row, other) has preference p = 1 and confidence c = 1 + α·w where the row
/// interacted with the other (w its stored value), else p = 0 and c = 1; a negative w is negative
/// feedback, p = 0 with the confidence of |w|. Confidences are signed here: −c means p = 0.
/// Nothing here shares code with the library's solvers.
/// </summary>
internal static class ImplicitReference
{
    /// <summary>The signed confidence of a stored value: Hu, Koren and Volinsky's c, negated for negative feedback.</summary>
    public static double Confidence(double value, ImplicitObjective objective)
    {
        double magnitude = Math.Abs(value);
        double c = 1 + (objective.Alpha * (objective.Scaling == ConfidenceScaling.Linear ? magnitude : Math.Log(1 + (magnitude / objective.Epsilon))));
        return value < 0 ? -c : c;
    }

    /// <summary>
    /// The normal equations of one row, min Σ_o c_o (p_o − x·y_o)² + λ‖x‖², over every row o of
    /// <paramref name="fixedFactors"/> that <paramref name="include"/> accepts: A = Σ_o c_o y_o y_oᵀ + λI, b = Σ_o c_o p_o y_o,
    /// from the signed confidences of the row's interactions.
    /// </summary>
    public static (double[,] A, double[] B) System(FactorMatrix fixedFactors, IReadOnlyDictionary<int, double> confidences, double lambda, Func<int, bool> include)
    {
        int k = fixedFactors.Columns;
        var a = new double[k, k];
        var b = new double[k];
        for (int o = 0; o < fixedFactors.Rows; o++)
        {
            if (!include(o))
            {
                continue;
            }

            ReadOnlySpan<float> y = fixedFactors.GetRow(o);
            double c = 1, p = 0;
            if (confidences.TryGetValue(o, out double signed))
            {
                c = Math.Abs(signed);
                p = signed > 0 ? 1 : 0;
            }

            for (int f = 0; f < k; f++)
            {
                for (int g = 0; g < k; g++)
                {
                    a[f, g] += c * y[f] * y[g];
                }

                b[f] += c * p * y[f];
            }
        }

        for (int f = 0; f < k; f++)
        {
            a[f, f] += lambda;
        }

        return (a, b);
    }

    /// <summary>The confidences of one user's interactions in a store, by item.</summary>
    public static Dictionary<int, double> UserConfidences(RatingStore store, int user, ImplicitObjective objective)
    {
        RatingRow row = store.GetUserRatings(user);
        var confidences = new Dictionary<int, double>();
        for (int j = 0; j < row.Length; j++)
        {
            if (row.Values[j] >= objective.InteractionThreshold)
            {
                confidences[row.Items[j]] = Confidence(row.Values[j], objective);
            }
        }

        return confidences;
    }

    /// <summary>The confidences of one item's interactions in a store, by user.</summary>
    public static Dictionary<int, double> ItemConfidences(RatingStore store, int item, ImplicitObjective objective)
    {
        var confidences = new Dictionary<int, double>();
        for (int k = 0; k < store.Count; k++)
        {
            if (store.ItemIndices[k] == item && store.Values[k] >= objective.InteractionThreshold)
            {
                confidences[store.UserIndices[k]] = Confidence(store.Values[k], objective);
            }
        }

        return confidences;
    }

    /// <summary>Solves A x = b by Gaussian elimination with partial pivoting.</summary>
    public static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = new double[n, n + 1];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                m[r, c] = a[r, c];
            }

            m[r, n] = b[r];
        }

        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
            {
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = r;
                }
            }

            for (int c = 0; c <= n; c++)
            {
                (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
            }

            for (int r = 0; r < n; r++)
            {
                if (r != col)
                {
                    double factor = m[r, col] / m[col, col];
                    for (int c = col; c <= n; c++)
                    {
                        m[r, c] -= factor * m[col, c];
                    }
                }
            }
        }

        var x = new double[n];
        for (int r = 0; r < n; r++)
        {
            x[r] = m[r, n] / m[r, r];
        }

        return x;
    }

    /// <summary>
    /// The objective of eq. 3 summed over every pair of known user and known item, penalties
    /// included, for a model and the store it was trained on.
    /// </summary>
    public static double Objective(ImplicitAlsModel model, RatingStore store)
    {
        ImplicitObjective objective = model.Objective;
        var confidences = new Dictionary<(int, int), double>();
        for (int k = 0; k < store.Count; k++)
        {
            if (store.Values[k] >= objective.InteractionThreshold)
            {
                confidences[(store.UserIndices[k], store.ItemIndices[k])] = Confidence(store.Values[k], objective);
            }
        }

        double sum = 0;
        for (int u = 0; u < model.Users.Count; u++)
        {
            ReadOnlySpan<float> x = model.UserFactors.GetRow(u);
            sum += objective.Regularization * Dot(x, x);
            for (int i = 0; i < model.Items.Count; i++)
            {
                ReadOnlySpan<float> y = model.ItemFactors.GetRow(i);
                if (u == 0)
                {
                    sum += objective.Regularization * Dot(y, y);
                }

                if (!model.IsKnownUser(u) || !model.IsKnownItem(i))
                {
                    continue;
                }

                double s = Dot(x, y);
                double c = 1, p = 0;
                if (confidences.TryGetValue((u, i), out double signed))
                {
                    c = Math.Abs(signed);
                    p = signed > 0 ? 1 : 0;
                }

                sum += c * (p - s) * (p - s);
            }
        }

        return sum;
    }

    public static double Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int f = 0; f < x.Length; f++)
        {
            sum += (double)x[f] * y[f];
        }

        return sum;
    }

    public static double RelativeError(ReadOnlySpan<float> actual, double[] expected)
    {
        double error = 0, norm = 0;
        for (int f = 0; f < expected.Length; f++)
        {
            error += (actual[f] - expected[f]) * (actual[f] - expected[f]);
            norm += expected[f] * expected[f];
        }

        return Math.Sqrt(error / norm);
    }
}
