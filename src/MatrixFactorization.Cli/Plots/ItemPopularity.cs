using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Cli.Plots;

/// <summary>
/// How well known each of a model's items is, for choosing which to draw and name: ratings counted
/// in a ratings file, else the users who trained on each item as the model file stores them, else
/// (for a file saved without them) the length of each item's factor vector, which grows with the
/// evidence SGD saw for it.
/// </summary>
/// <param name="Scores">One score per model item index; larger is better known.</param>
/// <param name="Source">What the scores count: <see cref="Ratings"/>, <see cref="TrainingUsers"/> or <see cref="FactorLength"/>.</param>
internal sealed record ItemPopularity(double[] Scores, string Source)
{
    public const string Ratings = "ratings";

    public const string TrainingUsers = "trainingUsers";

    public const string FactorLength = "factorLength";

    public static ItemPopularity FromRatings(IScoringModel model, RatingStore ratings)
    {
        var scores = new double[model.Items.Count];
        ReadOnlySpan<int> counts = ratings.Statistics.ItemCounts;
        for (int i = 0; i < counts.Length; i++)
        {
            if (model.Items.TryGetIndex(ratings.Items.GetId(i), out int index))
            {
                scores[index] += counts[i];
            }
        }

        return new ItemPopularity(scores, Ratings);
    }

    public static ItemPopularity FromSeenItems(SeenItems seen)
    {
        int[] users = seen.CountUsersPerItem();
        return new ItemPopularity([.. users.Select(u => (double)u)], TrainingUsers);
    }

    public static ItemPopularity FromFactorNorms(IFactorModel model)
    {
        var scores = new double[model.Items.Count];
        for (int i = 0; i < scores.Length && i < model.ItemFactors.Rows; i++)
        {
            double sum = 0;
            foreach (float f in model.ItemFactors.GetRow(i))
            {
                sum += (double)f * f;
            }

            scores[i] = Math.Sqrt(sum);
        }

        return new ItemPopularity(scores, FactorLength);
    }

    /// <summary>The <paramref name="count"/> best known of the model's items, best first; ties by index.</summary>
    public int[] Top(IScoringModel model, int count) =>
        [.. Enumerable.Range(0, Scores.Length).Where(model.IsKnownItem).OrderByDescending(i => Scores[i]).ThenBy(i => i).Take(count)];
}
