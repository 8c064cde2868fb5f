using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Spectre.Console;

namespace MovieRecommendations.Talk;

/// <summary>The talk section's tables: one row per friend or feature, one column per movie.</summary>
internal static class TalkTables
{
    public static Table Ratings()
    {
        Table table = MovieColumns("Ratings");
        for (int u = 0; u < TalkMatrix.Users.Length; u++)
        {
            table.AddRow([TalkMatrix.Users[u], .. Row(m => TalkMatrix.Ratings[u, m].ToString(CultureInfo.InvariantCulture))]);
        }

        return table;
    }

    public static Table TalkFeatures()
    {
        Table table = MovieColumns("The talk's features");
        table.AddRow(["comedy", .. Row(m => TalkMatrix.Comedy[m].ToString(CultureInfo.InvariantCulture))]);
        table.AddRow(["action", .. Row(m => TalkMatrix.Action[m].ToString(CultureInfo.InvariantCulture))]);
        return table;
    }

    public static Table LearnedFeatures(Matrix<double> items)
    {
        Table table = MovieColumns("Learned item features");
        table.AddRow(["feature 1", .. Row(m => Number(items[m, 0]))]);
        table.AddRow(["feature 2", .. Row(m => Number(items[m, 1]))]);
        return table;
    }

    public static Table Reconstruction(double[,] learned)
    {
        Table table = MovieColumns("Original → learned");
        for (int u = 0; u < TalkMatrix.Users.Length; u++)
        {
            table.AddRow([TalkMatrix.Users[u], .. Row(m => $"{TalkMatrix.Ratings[u, m]} → {learned[u, m]:F2}")]);
        }

        return table;
    }

    public static Table Aligned(FeatureAlignment alignment)
    {
        Table table = MovieColumns("Learned features × W");
        table.AddRow(["≈ comedy", .. Row(m => Number(alignment.Items[m, 0]))]);
        table.AddRow(["≈ action", .. Row(m => Number(alignment.Items[m, 1]))]);
        return table;
    }

    /// <summary>Each friend's two taste numbers, as "Ana (1.00, 0.00), …".</summary>
    public static string Tastes(Matrix<double> users) =>
        string.Join(", ", TalkMatrix.Users.Select((name, u) => $"{name} ({Number(users[u, 0])}, {Number(users[u, 1])})"));

    /// <summary>Two decimals, without the "-0.00" that rounding a tiny negative number would print.</summary>
    public static string Number(double value) => (Math.Round(value, 2) + 0.0).ToString("F2", CultureInfo.InvariantCulture);

    private static Table MovieColumns(string corner)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn(corner));
        foreach (string movie in TalkMatrix.Movies)
        {
            table.AddColumn(new TableColumn(movie).RightAligned());
        }

        return table;
    }

    private static IEnumerable<string> Row(Func<int, string> cell) => Enumerable.Range(0, TalkMatrix.Movies.Length).Select(cell);
}
