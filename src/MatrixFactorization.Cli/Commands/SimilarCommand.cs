using System.CommandLine;
using System.Globalization;
using MatrixFactorization.Cli.Files;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Cli.Commands;

/// <summary><c>mf similar</c>: the items nearest to one item in factor space.</summary>
internal static class SimilarCommand
{
    public static Command Create(TextWriter output)
    {
        var modelPath = new Option<string>("--model") { Description = "A model saved by 'mf train --save' with item vectors (mf, biased, neural, als or bpr).", Required = true };
        var item = new Option<string>("--item") { Description = "The raw item id.", Required = true };
        var count = new Option<int>("--count") { Description = "How many items (default 10).", DefaultValueFactory = _ => 10 };
        var titles = new Option<string?>("--titles") { Description = "A movies.csv to print titles from." };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("similar", "List the items most similar to an item (cosine of factor vectors).")
        {
            modelPath, item, count, titles, json, verbose,
        };

        command.SetAction(parse =>
        {
            CommandFiles.Check([new("--model", parse.GetValue(modelPath)), new("--titles", parse.GetValue(titles))], []);
            int n = parse.GetValue(count);
            if (n < 1)
            {
                throw new UsageException("--count must be at least 1.");
            }

            IScoringModel model = ModelSerializer.Load(parse.GetValue(modelPath)!);
            string itemId = parse.GetValue(item)!;
            if (!model.Items.TryGetIndex(itemId, out int dense) || !model.IsKnownItem(dense))
            {
                throw new UsageException($"item {itemId} is not in the model.");
            }

            if (model is not IEmbeddingModel)
            {
                throw new UsageException("this model has no item vectors to compare; train an mf, biased, neural, als or bpr model.");
            }

            IReadOnlyDictionary<string, string> names = TitleFile.Read(parse.GetValue(titles));
            ScoredItem[] similar = new Recommender(model).SimilarItemsByIndex(dense, n);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteString("item", itemId);
                    w.WriteStartArray("items");
                    foreach (ScoredItem s in similar)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", s.Id);
                        if (names.TryGetValue(s.Id, out string? title))
                        {
                            w.WriteString("title", title);
                        }

                        w.WriteNumber("similarity", Math.Round(s.Score, 5));
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                output.WriteLine($"Most similar to {RecommendCommand.Name(itemId, names)}:");
                for (int k = 0; k < similar.Length; k++)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{k + 1,3}. {RecommendCommand.Name(similar[k].Id, names)}  {similar[k].Score:F3}"));
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
