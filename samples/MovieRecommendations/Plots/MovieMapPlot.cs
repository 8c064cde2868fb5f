using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;
using MatrixFactorization.Models;
using MovieRecommendations.MovieLens;
using ScottPlot;

namespace MovieRecommendations.Plots;

/// <summary>
/// The most rated movies placed by the biased model's item factors, seen along their first two
/// principal directions, coloured by the talk's two genres. The axes are the model's, not named
/// by anyone: nearby movies are ones the same people rate alike.
/// </summary>
internal static partial class MovieMapPlot
{
    public const int Movies = 300;

    public const int Labelled = 20;

    public static (byte[] Png, double Explained) Draw(MovieLensData data, BiasedMatrixFactorizationModel model)
    {
        int[] counts = data.Ratings.Statistics.ItemCounts.ToArray();
        int[] chosen = [.. Enumerable.Range(0, counts.Length).Where(model.IsKnownItem).OrderByDescending(i => counts[i]).ThenBy(i => i).Take(Movies)];
        Matrix<double> factors = Matrix<double>.Build.Dense(chosen.Length, model.FactorCount, (r, c) => model.ItemFactors.GetRow(chosen[r])[c]);
        (double[] x, double[] y, double explained) = PrincipalDirections.Project(factors);

        var plot = new Plot();
        foreach ((string name, Color color, Func<string, bool> member) in Groups())
        {
            int[] rows = [.. Enumerable.Range(0, chosen.Length).Where(r => member(data.Genres(chosen[r])))];
            var points = plot.Add.ScatterPoints(rows.Select(r => x[r]).ToArray(), rows.Select(r => y[r]).ToArray(), color);
            points.MarkerSize = 6;
            points.LegendText = name;
        }

        int named = Math.Min(Labelled, chosen.Length);
        var rings = plot.Add.ScatterPoints(x[..named], y[..named], Colors.Black);
        rings.MarkerShape = MarkerShape.OpenCircle;
        rings.MarkerSize = 11;
        for (int r = 0; r < named; r++)
        {
            var label = plot.Add.Text(ShortTitle(data.Title(chosen[r])), x[r], y[r]);
            label.LabelFontSize = 11;
            label.LabelAlignment = Alignment.LowerLeft;
            label.OffsetX = 4;
        }

        plot.Title($"MovieLens movie map: the {chosen.Length} most rated movies ({Labelled} named)");
        plot.XLabel($"first principal direction of the {model.FactorCount} learned factors");
        plot.YLabel("second principal direction");
        plot.ShowLegend(Alignment.LowerRight);
        plot.Axes.Margins(0.12, 0.06);
        return (plot.GetImageBytes(1100, 800, ImageFormat.Png), explained);
    }

    private static IEnumerable<(string Name, Color Color, Func<string, bool> Member)> Groups()
    {
        static bool Comedy(string g) => g.Contains("Comedy", StringComparison.Ordinal);
        static bool Action(string g) => g.Contains("Action", StringComparison.Ordinal);
        yield return ("neither comedy nor action", Colors.Gray.WithAlpha(0.5), g => !Comedy(g) && !Action(g));
        yield return ("comedy", Colors.DarkOrange, g => Comedy(g) && !Action(g));
        yield return ("action", Colors.SteelBlue, g => Action(g) && !Comedy(g));
        yield return ("comedy and action", Colors.Purple, g => Comedy(g) && Action(g));
    }

    private static string ShortTitle(string title)
    {
        string bare = Year().Replace(title, "");
        return bare.Length <= 28 ? bare : bare[..27] + "…";
    }

    [GeneratedRegex(@"\s*\(\d{4}\)\s*$")]
    private static partial Regex Year();
}
