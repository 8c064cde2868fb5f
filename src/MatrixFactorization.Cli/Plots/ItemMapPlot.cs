using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;

namespace MatrixFactorization.Cli.Plots;

/// <summary>
/// The best known items placed by a model's item factors, the first ones named, coloured by genre
/// when genres are known. The axes are the model's, named by no one: nearby items are ones the
/// same people rate alike.
/// </summary>
internal static partial class ItemMapPlot
{
    public const int Width = 1100;

    public const int Height = 800;

    /// <param name="points">The items, best known first.</param>
    /// <param name="labelled">How many of the first points are named.</param>
    /// <param name="projection">Where the points come from, for the axis labels.</param>
    /// <param name="title">The plot's title.</param>
    public static Plot Draw(IReadOnlyList<ItemMapPoint> points, int labelled, ItemProjection projection, string title)
    {
        var plot = new Plot();
        if (points.Any(p => p.Genres.Count > 0))
        {
            foreach (GenreGroup group in GenreGroup.All)
            {
                ItemMapPoint[] members = [.. points.Where(p => group.Holds(p.Genres))];
                var scatter = plot.Add.ScatterPoints(members.Select(p => p.X).ToArray(), members.Select(p => p.Y).ToArray(), group.Color);
                scatter.MarkerSize = 6;
                scatter.LegendText = string.Create(CultureInfo.InvariantCulture, $"{group.Name} ({members.Length})");
            }

            plot.ShowLegend(Edge.Right);
        }
        else
        {
            var scatter = plot.Add.ScatterPoints(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), Colors.SteelBlue);
            scatter.MarkerSize = 6;
        }

        int named = Math.Min(labelled, points.Count);
        if (named > 0)
        {
            var rings = plot.Add.ScatterPoints(points.Take(named).Select(p => p.X).ToArray(), points.Take(named).Select(p => p.Y).ToArray(), Colors.Black);
            rings.MarkerShape = MarkerShape.OpenCircle;
            rings.MarkerSize = 11;
        }

        foreach (ItemMapPoint point in points.Take(named))
        {
            var label = plot.Add.Text(ShortTitle(point.Label), point.X, point.Y);
            label.LabelFontSize = 11;
            label.LabelAlignment = Alignment.LowerLeft;
            label.OffsetX = 4;
        }

        plot.Title(title);
        plot.XLabel(projection.XLabel);
        plot.YLabel(projection.YLabel);
        plot.Axes.Margins(0.12, 0.06);
        return plot;
    }

    // A year in brackets adds nothing to a label on a map and crowds it.
    private static string ShortTitle(string title)
    {
        string bare = Year().Replace(title, string.Empty);
        return bare.Length <= 28 ? bare : bare[..27] + "…";
    }

    [GeneratedRegex(@"\s*\(\d{4}\)\s*$")]
    private static partial Regex Year();
}
