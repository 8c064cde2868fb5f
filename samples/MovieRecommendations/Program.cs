using System.Diagnostics;
using System.Globalization;
using MatrixFactorization.Data;
using MatrixFactorization.Data.Splits;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

// Trains biased matrix factorization on the bundled MovieLens ml-latest-small ratings, reports the
// held-out error, and shows a few recommendations.
string dataDirectory = DataLocator.Find("data/ml-latest-small");
string ratingsPath = Path.Combine(dataDirectory, "ratings.csv");

var watch = Stopwatch.StartNew();
LoadResult loaded = RatingReader.Read(ratingsPath);
RatingStore ratings = loaded.Store;
RatingStatistics stats = ratings.Statistics;
Console.WriteLine($"Loaded {ratings.Count:N0} ratings of {stats.UsersWithRatings:N0} users on {stats.ItemsWithRatings:N0} movies in {watch.ElapsedMilliseconds} ms");
Console.WriteLine($"Scale {stats.Scale}, mean {stats.GlobalMean:F3}, density {stats.Density:P2}");

RatingSplit split = RatingSplitter.Holdout(ratings, new HoldoutOptions { TestFraction = 0.2, Seed = 42 });
Console.WriteLine($"Holdout split: {split.Train.Count:N0} train, {split.Test.Count:N0} test ({split.Report.DroppedCount:N0} ratings of {split.Report.ColdItems:N0} movies unseen in train dropped)");

var options = new BiasedMatrixFactorizationOptions();
watch.Restart();
BiasedMatrixFactorizationModel model = new BiasedMatrixFactorizationTrainer(options).Fit(split.Train);
Console.WriteLine($"Trained biased MF (k = {options.Factors}, {options.Epochs} epochs) in {watch.ElapsedMilliseconds} ms");

double squared = 0;
for (int k = 0; k < split.Test.Count; k++)
{
    double error = split.Test.Values[k] - model.Predict(split.Test.UserIndices[k], split.Test.ItemIndices[k]).Value;
    squared += error * error;
}

Console.WriteLine($"Test RMSE {Math.Sqrt(squared / split.Test.Count):F4}");

// The five best-scored movies user 1 has not rated, ranked by unclipped scores so that movies
// above the top of the scale stay distinguishable.
IRatingModel ranker = model.WithClipping(false);
int user = ratings.Users.TryGetIndex(1, out int u) ? u : 0;
var seen = new HashSet<int>(ratings.GetUserRatings(user).Items.ToArray());
var top = Enumerable.Range(0, ratings.ItemCount)
    .Where(i => !seen.Contains(i) && model.IsKnownItem(i))
    .Select(i => (Item: i, Score: ranker.Predict(user, i).Value))
    .OrderByDescending(x => x.Score)
    .Take(5);
Console.WriteLine($"Top 5 for user {ratings.Users.GetId(user)}:");
foreach ((int item, float score) in top)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  movie {ratings.Items.GetId(item),6}  score {score:F2}"));
}
