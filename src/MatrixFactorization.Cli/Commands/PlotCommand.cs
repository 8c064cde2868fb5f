using System.CommandLine;
using System.Globalization;
using MatrixFactorization.Cli.Files;
using MatrixFactorization.Cli.Plots;
using MatrixFactorization.Cli.Progress;
using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;

namespace MatrixFactorization.Cli.Commands;

/// <summary>
/// <c>mf plot items</c>: a map of a factor model's best known items by two learned features, named
/// and coloured by genre from a titles file, written as PNG or SVG.
/// </summary>
internal static class PlotCommand
{
    /// <summary>The models whose items have factor vectors to place.</summary>
    public const string FactorModels = "mf, biased (from SGD or alswr), svdpp, als and bpr";

    public static Command Create(TextWriter output, Terminal terminal)
    {
        var modelPath = new Option<string>("--model") { Description = $"A saved factor model ({FactorModels}).", Required = true };
        var titles = new Option<string?>("--titles") { Description = "An item catalog (MovieLens movies.csv or movies.dat): names the items, and colours them by genre (comedy, action, both, neither) when it has genres." };
        var ratings = new Option<string?>("--ratings") { Description = "Ratings whose counts choose the most rated items (default: the training users stored in the model file, else the longest factor vectors)." };
        var format = CommonOptions.Format();
        var outPath = new Option<string>("--out") { Description = "The picture: .png or .svg.", Required = true };
        var count = new Option<int>("--count") { Description = "Items drawn, the best known first (default 300).", DefaultValueFactory = _ => 300 };
        var labels = new Option<int>("--labels") { Description = "Of those, the first this many are named (default 20).", DefaultValueFactory = _ => 20 };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var quiet = CommonOptions.Quiet();
        var items = new Command("items", "Draw the items of a factor model by two learned features: its two factors, or the first two principal directions of many.")
        {
            modelPath, titles, ratings, format, outPath, count, labels, json, verbose, quiet,
        };
        items.SetAction(parse =>
        {
            var picture = new CommandFile("--out", parse.GetValue(outPath));
            CommandFiles.Check(
                [new("--model", parse.GetValue(modelPath)), new("--titles", parse.GetValue(titles)), new("--ratings", parse.GetValue(ratings))],
                [picture]);
            PictureFile.FormatOf(picture);
            int drawn = parse.GetValue(count);
            int named = parse.GetValue(labels);
            if (drawn < 1)
            {
                throw new UsageException($"--count {drawn.ToString(CultureInfo.InvariantCulture)}: at least one item must be drawn; give 1 or more.");
            }

            if (named < 0)
            {
                throw new UsageException($"--labels {named.ToString(CultureInfo.InvariantCulture)}: give 0 (no names) or more.");
            }

            using CommandProgress work = terminal.StartProgress(parse.GetValue(quiet), output);
            ModelFile file = ModelSerializer.Open(parse.GetValue(modelPath)!);
            if (file.Model is not IFactorModel model)
            {
                throw new UsageException(
                    $"--model {parse.GetValue(modelPath)}: it holds a model of kind {file.Kind}, which has no item factors to place; plot items draws factor models ({FactorModels}).");
            }

            ItemCatalog? catalog = parse.GetValue(titles) is string titlesPath ? ItemCatalog.Read(titlesPath) : null;
            ItemPopularity popularity = parse.GetValue(ratings) is string ratingsPath
                ? ItemPopularity.FromRatings(model, DataLoading.Load(ratingsPath, parse.GetValue(format), DuplicatePolicy.KeepLast, false, progress: work).Store)
                : file.SeenItems is SeenItems seen ? ItemPopularity.FromSeenItems(seen) : ItemPopularity.FromFactorNorms(model);
            int[] chosen = popularity.Top(model, drawn);
            if (chosen.Length == 0)
            {
                throw new BadDataException($"--model {parse.GetValue(modelPath)}: the model knows no items; there is nothing to draw.");
            }

            var map = new ItemMap(model, catalog, popularity, chosen, Math.Min(named, chosen.Length));
            PictureFile.Save(map.Draw(), picture.Path!, ItemMapPlot.Width, ItemMapPlot.Height);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(work.Output, w =>
                {
                    w.WriteString("out", picture.Path);
                    w.WriteString("kind", file.Kind);
                    w.WriteNumber("factors", model.FactorCount);
                    map.WriteJson(w);
                });
            }
            else
            {
                work.Output.WriteLine(map.Describe(picture.Path!));
            }

            return ExitCodes.Ok;
        });
        return new Command("plot", "Draw pictures of saved models.") { items };
    }
}
