using System.Globalization;
using MatrixFactorization.Data;
using nietras.SeparatedValues;

namespace MatrixFactorization.Benchmarks.Data;

/// <summary>The Sep-based reader the hand-written byte parser is measured against: Sep splits
/// the lines and parses the fields, the ids go through the same id maps and builder.</summary>
internal static class SepRatingReader
{
    public static RatingStore Read(string path, char separator, bool hasHeader, bool timestamps)
    {
        using SepReader reader = Sep.New(separator).Reader(o => o with
        {
            HasHeader = hasHeader,
            CultureInfo = CultureInfo.InvariantCulture,
            DisableQuotesParsing = true,
        }).FromFile(path);
        var builder = new RatingStoreBuilder { Threads = 1 };
        IdMap users = builder.UserMap(IdKind.Integer);
        IdMap items = builder.ItemMap(IdKind.Integer);
        long line = hasHeader ? 1 : 0;
        foreach (SepReader.Row row in reader)
        {
            line++;
            int user = users.GetOrAdd(row[0].Parse<long>());
            int item = items.GetOrAdd(row[1].Parse<long>());
            float rating = row[2].Parse<float>();
            if (timestamps)
            {
                builder.AddIndexed(user, item, rating, row[3].Parse<long>(), line);
            }
            else
            {
                builder.AddIndexed(user, item, rating, line);
            }
        }

        return builder.Build();
    }
}
