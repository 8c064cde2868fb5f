using System.Diagnostics;
using System.Globalization;
using MatrixFactorization.Data;
using MatrixFactorization.Data.Splits;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Training;

// Trains biased matrix factorization on the bundled MovieLens ml-latest-small ratings, reports the
// held-out error, recommends movies to a known user, and folds in a brand-new user from five
// ratings — with the reasons behind the first recommendation.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string dataDirectory = DataLocator.Find("data/ml-latest-small");

var watch = Stopwatch.StartNew();
LoadResult loaded = RatingReader.Read(Path.Combine(dataDirectory, "ratings.csv"));
ItemCatalog movies = ItemCatalog.Read(Path.Combine(dataDirectory, "movies.csv"));
RatingStore ratings = loaded.Store;
RatingStatistics stats = ratings.Statistics;
Console.WriteLine($"Loaded {ratings.Count:N0} ratings of {stats.UsersWithRatings:N0} users on {stats.ItemsWithRatings:N0} movies in {watch.ElapsedMilliseconds} ms");
Console.WriteLine($"Scale {stats.Scale}, mean {stats.GlobalMean:F3}, density {stats.Density:P2}");

// 1. How good is it? Hold out 20% and measure.
RatingSplit split = RatingSplitter.Holdout(ratings, new HoldoutOptions { TestFraction = 0.2, Seed = 42 });
Console.WriteLine($"Holdout split: {split.Train.Count:N0} train, {split.Test.Count:N0} test ({split.Report.DroppedCount:N0} ratings of {split.Report.ColdItems:N0} movies unseen in train dropped)");
var options = new BiasedMatrixFactorizationOptions();
watch.Restart();
BiasedMatrixFactorizationModel heldOutModel = new BiasedMatrixFactorizationTrainer(options).Fit(split.Train);
RatingAccuracy accuracy = RatingMetrics.Evaluate(heldOutModel, split.Test);
Console.WriteLine($"Biased MF (k = {options.FactorCount}, {options.Epochs} epochs) trained in {watch.ElapsedMilliseconds} ms: test RMSE {accuracy.Rmse:F4}, MAE {accuracy.Mae:F4}");

// 2. Train on everything and recommend to user 1 what they have not rated yet.
BiasedMatrixFactorizationModel model = new BiasedMatrixFactorizationTrainer(options).Fit(ratings);
var recommender = new Recommender(model, ratings);
Console.WriteLine();
Console.WriteLine("Top 5 for user 1:");
foreach (ScoredItem item in recommender.Recommend("1", 5))
{
    Console.WriteLine($"  {item.Score:F2}  {movies.GetTitle(ratings.Items, item.Index)}");
}

// 3. A new user rates five movies; no retraining needed.
ItemRating[] newcomer =
[
    new("1", 5f),      // Toy Story
    new("2355", 5f),   // A Bug's Life
    new("4886", 4.5f), // Monsters, Inc.
    new("2", 1f),      // Jumanji
    new("1732", 1.5f), // The Big Lebowski
];
var solver = new FoldInSolver(model, options.ToFoldInOptions());
FoldedInUser user = solver.FoldInUser(newcomer);
ScoredItem[] picks = recommender.Recommend(user, 5);
Console.WriteLine();
Console.WriteLine("Top 5 for a new user who loves Pixar and dislikes Jumanji:");
foreach (ScoredItem item in picks)
{
    Console.WriteLine($"  {item.Score:F2}  {movies.GetTitle(ratings.Items, item.Index)}");
}

Explanation why = user.ExplainByIndex(picks[0].Index);
Console.WriteLine($"Why '{movies.GetTitle(ratings.Items, picks[0].Index)}'? baseline {why.Baseline:F2}, then because you rated:");
foreach (ItemContribution part in why.Contributions.Take(3))
{
    Console.WriteLine($"  {part.Contribution,6:+0.00;-0.00}  {movies.GetTitle(ratings.Items, part.Index)} ({part.Rating})");
}
