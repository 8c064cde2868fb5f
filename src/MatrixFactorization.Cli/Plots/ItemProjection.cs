using MathNet.Numerics.LinearAlgebra;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Cli.Plots;

/// <summary>
/// Items placed on a plane by their factor vectors: a two-factor model's own factors; with more,
/// the first two principal directions of the chosen items' (centred) factors, the two directions
/// along which they spread most, from a singular value decomposition.
/// </summary>
/// <param name="X">Each item's first coordinate.</param>
/// <param name="Y">Each item's second coordinate.</param>
/// <param name="Explained">The share of the items' spread (variance) the plane shows, in [0, 1].</param>
/// <param name="XLabel">What the first axis is.</param>
/// <param name="YLabel">What the second axis is.</param>
internal sealed record ItemProjection(double[] X, double[] Y, double Explained, string XLabel, string YLabel)
{
    public static ItemProjection Of(FactorMatrix factors, IReadOnlyList<int> items)
    {
        int k = factors.Columns;
        Matrix<double> rows = Matrix<double>.Build.Dense(items.Count, k, (r, c) => factors.GetRow(items[r])[c]);
        if (k == 1)
        {
            return new ItemProjection([.. rows.Column(0)], new double[items.Count], 1, "the model's one factor", "(none: the model has one factor)");
        }

        if (k == 2)
        {
            return new ItemProjection([.. rows.Column(0)], [.. rows.Column(1)], 1, "factor 1", "factor 2");
        }

        Vector<double> mean = rows.ColumnSums() / Math.Max(rows.RowCount, 1);
        Matrix<double> centred = rows - Matrix<double>.Build.Dense(rows.RowCount, k, (_, c) => mean[c]);
        var svd = centred.Svd(computeVectors: true);
        Matrix<double> projected = centred * svd.VT.SubMatrix(0, 2, 0, k).Transpose();
        double total = svd.S.Sum(s => s * s);
        double shown = svd.S.Take(2).Sum(s => s * s);
        double explained = total > 0 ? shown / total : 0;
        return new ItemProjection(
            [.. projected.Column(0)],
            [.. projected.Column(1)],
            explained,
            $"first principal direction of the {k} item factors",
            "second principal direction");
    }
}
