using System.Globalization;
using System.Text;
using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;
using MatrixFactorization.Training;

namespace RecommendationService.Tests;

/// <summary>
/// A small rating file (40 users, 30 items), titles for its items and a biased model trained on it
/// and saved, in a temporary folder shared by the tests of a class.
/// </summary>
public sealed class TrainedModel : IDisposable
{
    public const int UserCount = 40;
    public const int ItemCount = 30;
    public const int RatingsPerUser = 12;

    public TrainedModel()
    {
        Folder = Directory.CreateTempSubdirectory("recommendation-service-").FullName;
        RatingsPath = Path.Combine(Folder, "ratings.csv");
        TitlesPath = Path.Combine(Folder, "movies.csv");
        ModelPath = Path.Combine(Folder, "model.mf");
        RatedBy = WriteRatings(RatingsPath);
        WriteTitles(TitlesPath);
        Model = new BiasedMatrixFactorizationTrainer(new BiasedMatrixFactorizationOptions { FactorCount = 8, Epochs = 20 })
            .Fit(RatingReader.Read(RatingsPath).Store);
        ModelSerializer.Save(Model, ModelPath);
    }

    public string Folder { get; }

    public string RatingsPath { get; }

    public string TitlesPath { get; }

    public string ModelPath { get; }

    public BiasedMatrixFactorizationModel Model { get; }

    /// <summary>The items each user rated, as written to the file.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> RatedBy { get; }

    public static string Title(string item) => $"Movie {item}";

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static Dictionary<string, HashSet<string>> WriteRatings(string path)
    {
        // Items differ in quality, so the model learns distinct item biases; each user rates a
        // random dozen with noise, on MovieLens' half-star scale.
        var random = new Random(7);
        double[] quality = [.. Enumerable.Range(0, ItemCount).Select(_ => 1.5 + (3 * random.NextDouble()))];
        var rated = new Dictionary<string, HashSet<string>>();
        var csv = new StringBuilder("userId,movieId,rating\n");
        for (int user = 1; user <= UserCount; user++)
        {
            var items = new HashSet<string>();
            foreach (int item in Enumerable.Range(1, ItemCount).OrderBy(_ => random.Next()).Take(RatingsPerUser))
            {
                double rating = Math.Clamp(Math.Round(2 * (quality[item - 1] + random.NextDouble() - 0.5)) / 2, 0.5, 5);
                csv.Append(CultureInfo.InvariantCulture, $"{user},{item},{rating}\n");
                items.Add(item.ToString(CultureInfo.InvariantCulture));
            }

            rated[user.ToString(CultureInfo.InvariantCulture)] = items;
        }

        File.WriteAllText(path, csv.ToString());
        return rated;
    }

    private static void WriteTitles(string path)
    {
        var csv = new StringBuilder("movieId,title,genres\n");
        for (int item = 1; item <= ItemCount; item++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{item},{Title(item.ToString(CultureInfo.InvariantCulture))},Drama\n");
        }

        File.WriteAllText(path, csv.ToString());
    }
}
