using System.Globalization;
using System.Text;

namespace MatrixFactorization.Benchmarks.Data;

/// <summary>Writes MovieLens-like rating files: grouped by user, items ascending within a user,
/// half-star ratings and 10-digit timestamps, so line lengths match the real data.</summary>
internal static class RatingFileGenerator
{
    public static void Write(string csvPath, string libmfPath, int ratings, int users, int items, int seed)
    {
        var random = new Random(seed);
        using var csv = new StreamWriter(csvPath, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        using var libmf = new StreamWriter(libmfPath, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        csv.WriteLine("userId,movieId,rating,timestamp");
        int perUser = ratings / users;
        var chosen = new HashSet<int>();
        var row = new List<int>();
        int written = 0;
        for (int u = 1; written < ratings; u++)
        {
            int count = Math.Min(ratings - written, Math.Max(1, perUser / 2 + random.Next(perUser)));
            chosen.Clear();
            while (chosen.Count < count)
            {
                chosen.Add(1 + random.Next(items));
            }

            row.Clear();
            row.AddRange(chosen);
            row.Sort();
            foreach (int item in row)
            {
                string rating = (0.5 * (1 + random.Next(10))).ToString("0.0", CultureInfo.InvariantCulture);
                long time = 964_982_703 + random.Next(500_000_000);
                csv.Write(u);
                csv.Write(',');
                csv.Write(item);
                csv.Write(',');
                csv.Write(rating);
                csv.Write(',');
                csv.WriteLine(time);
                libmf.Write(u);
                libmf.Write(' ');
                libmf.Write(item);
                libmf.Write(' ');
                libmf.WriteLine(rating);
            }

            written += count;
        }
    }
}
