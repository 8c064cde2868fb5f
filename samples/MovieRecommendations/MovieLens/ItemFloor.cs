using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MovieRecommendations.MovieLens;

/// <summary>
/// A rating model's highest predictions go to movies a handful of people loved; its lists are
/// only worth reading with those left out. As the mf tool does by default: movies rated by fewer
/// than 17.5% of the users are left out, but never so many that fewer than 50 movies remain.
/// List models rank by what people chose and keep every movie.
/// </summary>
internal static class ItemFloor
{
    public static int For(IScoringModel model, RatingStore ratings)
    {
        if (model is not IRatingModel)
        {
            return 0;
        }

        int[] counts = ratings.Statistics.ItemCounts.ToArray();
        Array.Sort(counts, (a, b) => b.CompareTo(a));
        int cap = counts.Length >= 50 ? counts[49] : 0;
        return Math.Min((int)Math.Ceiling(0.175 * ratings.Statistics.UsersWithRatings), cap);
    }
}
