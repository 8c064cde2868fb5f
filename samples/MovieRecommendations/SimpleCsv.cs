using System.Globalization;
using MatrixFactorization.Data;

/// <summary>Reads a MovieLens ratings.csv (userId,movieId,rating,timestamp) into a store.</summary>
internal static class SimpleCsv
{
    public static RatingStore ReadRatings(string path)
    {
        var builder = new RatingStoreBuilder { SourceName = Path.GetFileName(path) };
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] fields = line.Split(',');
            builder.Add(
                long.Parse(fields[0], CultureInfo.InvariantCulture),
                long.Parse(fields[1], CultureInfo.InvariantCulture),
                float.Parse(fields[2], CultureInfo.InvariantCulture),
                long.Parse(fields[3], CultureInfo.InvariantCulture));
        }

        return builder.Build();
    }
}
