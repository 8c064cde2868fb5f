using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MatrixFactorization.Cli.Files;
using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Cli.Commands;

/// <summary><c>mf recommend</c>: the top items for one user of a saved model, or for many (<see cref="RecommendBatch"/>).</summary>
internal static class RecommendCommand
{
    public static Command Create(TextWriter output)
    {
        var modelPath = new Option<string>("--model") { Description = "A model saved by 'mf train --save'.", Required = true };
        var user = new Option<string?>("--user") { Description = "The raw user id; an unknown one gets cold-start recommendations." };
        var count = new Option<int>("--count") { Description = "How many items (default 10).", DefaultValueFactory = _ => 10 };
        var ratings = new Option<string?>("--ratings")
        {
            Description = "The training ratings: items the user rated are left out (instead of the seen items stored in the model file), and --explain refits the user from them.",
        };
        var titles = new Option<string?>("--titles") { Description = "A movies.csv to print titles from." };
        var exclude = new Option<string[]>("--exclude")
        {
            Description = "Raw item ids never to recommend (repeat the option or separate ids with commas), e.g. items already in the basket.",
            AllowMultipleArgumentsPerToken = true,
        };
        var explain = new Option<bool>("--explain") { Description = "Refit the user from their ratings (needs --ratings) and list the rated items behind each recommendation." };
        var regularization = new Option<float?>("--regularization") { Description = "λ of the refit (default: the λ stored in the model file, else 0.1)." };
        var biasRegularization = new Option<float?>("--bias-regularization") { Description = "λ of the refit bias (default: the one stored in the model file, else 0.02)." };
        var format = CommonOptions.Format();
        var stringIds = CommonOptions.StringIds();
        var batch = new RecommendBatch();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var floor = ItemRatingFloor.Option();
        var command = new Command("recommend", "Recommend items to a user.")
        {
            modelPath, user, count, ratings, titles, exclude, explain, regularization, biasRegularization, floor, format, stringIds, json, verbose,
        };
        foreach (Option option in batch.Options)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            batch.CheckChoice(parse, parse.GetValue(user), parse.GetValue(explain));
            CommandFiles.Check(
                [new("--model", parse.GetValue(modelPath)), new("--ratings", parse.GetValue(ratings)), new("--titles", parse.GetValue(titles)), batch.Input(parse)],
                [batch.Output(parse)]);
            int n = parse.GetValue(count);
            if (n < 1)
            {
                throw new UsageException("--count must be at least 1.");
            }

            ModelFile file = ModelSerializer.Open(parse.GetValue(modelPath)!);
            IScoringModel model = file.Model;
            string? ratingsPath = parse.GetValue(ratings);
            bool wantExplain = parse.GetValue(explain);
            if (wantExplain && ratingsPath is null)
            {
                throw new UsageException("--explain needs --ratings: the user's ratings are what the explanation is made of.");
            }

            if (wantExplain && model is not IFactorModel)
            {
                throw new UsageException("--explain needs a factor model (mf or biased): explanations come from refitting the user against the item factors.");
            }

            RatingStore? store = ratingsPath is null ? null : DataLoading.Load(ratingsPath, parse.GetValue(format), DuplicatePolicy.KeepLast, false, stringIds: parse.GetValue(stringIds)).Store;
            IReadOnlyDictionary<string, string> names = TitleFile.Read(parse.GetValue(titles));
            var recommender = store is null && file.SeenItems is { } seen
                ? new Recommender(model, seen, ItemRatingFloor.Resolve(parse.GetValue(floor), model, seen))
                : new Recommender(model, store, ItemRatingFloor.Resolve(parse.GetValue(floor), model, store));
            (Predicate<int>? filter, string[] unknownExclusions) = Exclusions(model, parse.GetValue(exclude) ?? []);
            if (batch.Requested(parse))
            {
                return batch.Run(parse, recommender, n, filter, unknownExclusions, names, parse.GetValue(json), output);
            }

            string userId = parse.GetValue(user)!;
            bool known = model.Users.TryGetIndex(userId, out int dense) && model.IsKnownUser(dense);

            ScoredItem[] items;
            FoldedInUser? folded = null;
            if (wantExplain)
            {
                var solver = new FoldInSolver((IFactorModel)model, new FoldInOptions
                {
                    FactorRegularization = parse.GetValue(regularization) ?? Stored(file, "FactorRegularization") ?? 0.1f,
                    BiasRegularization = parse.GetValue(biasRegularization) ?? Stored(file, "BiasRegularization") ?? 0.02f,
                });
                folded = solver.FoldInUser(store!, userId, []);
                items = recommender.Recommend(folded, n, filter: filter);
            }
            else
            {
                items = recommender.Recommend(userId, n, filter: filter);
            }

            var explanations = folded is null ? null : items.Select(i => folded.ExplainByIndex(i.Index)).ToArray();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteString("user", userId);
                    w.WriteBoolean("coldStart", folded?.IsColdStart ?? !known);
                    w.WriteStartArray("unknownExclusions");
                    foreach (string id in unknownExclusions)
                    {
                        w.WriteStringValue(id);
                    }

                    w.WriteEndArray();
                    w.WriteStartArray("items");
                    for (int k = 0; k < items.Length; k++)
                    {
                        WriteItem(w, items[k], names, explanations?[k], model);
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                CultureInfo c = CultureInfo.InvariantCulture;
                if (unknownExclusions.Length > 0)
                {
                    output.WriteLine($"Not in the model, so nothing to exclude: {string.Join(", ", unknownExclusions)}.");
                }

                output.WriteLine((folded?.IsColdStart ?? !known) ? $"User {userId} is unknown: cold-start recommendations." : $"Top {items.Length} for user {userId}:");
                for (int k = 0; k < items.Length; k++)
                {
                    output.WriteLine(string.Create(c, $"{k + 1,3}. {Name(items[k].Id, names)}  {Shown(model, items[k].Score):F3}"));
                    foreach (ItemContribution because in explanations?[k].Contributions.Take(3) ?? [])
                    {
                        output.WriteLine(string.Create(c, $"       because you rated {Name(because.Id, names)} {because.Rating:0.#} ({because.Contribution:+0.000;-0.000})"));
                    }
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// A filter that rejects the excluded items, and the ids the model does not know (reported, not
    /// an error: an id the model never saw cannot be recommended anyway).
    /// </summary>
    private static (Predicate<int>? Filter, string[] Unknown) Exclusions(IScoringModel model, string[] values)
    {
        var excluded = new HashSet<int>();
        var unknown = new List<string>();
        foreach (string id in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (model.Items.TryGetIndex(id, out int item))
            {
                excluded.Add(item);
            }
            else
            {
                unknown.Add(id);
            }
        }

        return (excluded.Count == 0 ? null : item => !excluded.Contains(item), [.. unknown]);
    }

    internal static string Name(string id, IReadOnlyDictionary<string, string> names) =>
        names.TryGetValue(id, out string? title) ? $"{title} [{id}]" : id;

    /// <summary>A numeric training option stored in the model file, as a float; null when the file has none.</summary>
    private static float? Stored(ModelFile file, string name) =>
        file.FindTrainingOption(name) is { } setting && setting.TryGetNumber(out double value) ? (float)value : null;

    /// <summary>
    /// A score as shown: a rating model's on its rating scale. Ranking uses the unclipped score, so
    /// items predicted above the top of the scale keep their order; only the display is clipped.
    /// </summary>
    private static float Shown(IScoringModel model, float score) =>
        model is IRatingModel rating ? Math.Clamp(score, rating.Scale.Min, rating.Scale.Max) : score;

    internal static void WriteItem(Utf8JsonWriter w, ScoredItem item, IReadOnlyDictionary<string, string> names, Explanation? why, IScoringModel model)
    {
        w.WriteStartObject();
        w.WriteString("id", item.Id);
        if (names.TryGetValue(item.Id, out string? title))
        {
            w.WriteString("title", title);
        }

        w.WriteNumber("score", Math.Round(item.Score, 5));
        if (model is IRatingModel)
        {
            w.WriteNumber("rating", Math.Round(Shown(model, item.Score), 5));
        }
        if (why is not null)
        {
            w.WriteNumber("baseline", Math.Round(why.Baseline, 5));
            w.WriteStartArray("because");
            foreach (ItemContribution c in why.Contributions)
            {
                w.WriteStartObject();
                w.WriteString("id", c.Id);
                if (names.TryGetValue(c.Id, out string? t))
                {
                    w.WriteString("title", t);
                }

                w.WriteNumber("rating", c.Rating);
                w.WriteNumber("contribution", Math.Round(c.Contribution, 5));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
