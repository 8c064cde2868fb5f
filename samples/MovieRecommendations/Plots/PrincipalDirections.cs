using MathNet.Numerics.LinearAlgebra;

namespace MovieRecommendations.Plots;

/// <summary>
/// Rows projected on their first two principal directions: the two directions along which the
/// (centred) rows spread most, from the singular value decomposition.
/// </summary>
internal static class PrincipalDirections
{
    public static (double[] X, double[] Y, double Explained) Project(Matrix<double> rows)
    {
        Vector<double> mean = rows.ColumnSums() / rows.RowCount;
        Matrix<double> centred = rows - Matrix<double>.Build.Dense(rows.RowCount, rows.ColumnCount, (_, c) => mean[c]);
        var svd = centred.Svd(computeVectors: true);
        Matrix<double> projected = centred * svd.VT.SubMatrix(0, 2, 0, rows.ColumnCount).Transpose();
        double total = svd.S.Sum(s => s * s);
        double explained = total > 0 ? (svd.S[0] * svd.S[0] + svd.S[1] * svd.S[1]) / total : 0;
        return (projected.Column(0).ToArray(), projected.Column(1).ToArray(), explained);
    }
}
