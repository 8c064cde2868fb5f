using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

public sealed class RoundTripTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void MovieLens_sample_round_trips_through_csv_and_gzip()
    {
        RatingStore original = RatingReader.Read(BundledData.Ratings).Store;

        RatingWriter.WriteMovieLens(original, _folder.File("copy.csv.gz"));
        LoadResult copy = RatingReader.Read(_folder.File("copy.csv.gz"));

        copy.Report.Compressed.Should().BeTrue();
        copy.Report.Format.Should().Be(RatingFormat.MovieLens);
        copy.Store.RawRatings().Should().Equal(original.RawRatings());
    }

    [Fact]
    public void Libmf_round_trip_drops_only_timestamps()
    {
        RatingStore original = RatingReader.Read(BundledData.Ratings).Store;

        RatingWriter.WriteLibmf(original, _folder.File("train.txt"));
        LoadResult copy = RatingReader.Read(_folder.File("train.txt"));

        copy.Report.Format.Should().Be(RatingFormat.Libmf);
        copy.Store.RawRatings().Should().Equal(original.RawRatings().Select(r => r with { Time = null }));
    }

    [Fact]
    public void Store_order_keeps_dense_user_indices()
    {
        RatingStore original = RatingReader.Read(BundledData.Ratings).Store;
        using var memory = new MemoryStream();

        RatingWriter.WriteMovieLens(original, memory);
        memory.Position = 0;
        RatingStore copy = RatingReader.Read(memory).Store;

        copy.UserIndices.ToArray().Should().Equal(original.UserIndices.ToArray());
        copy.Values.ToArray().Should().Equal(original.Values.ToArray());
    }

    [Fact]
    public void Awkward_string_ids_survive_csv()
    {
        var builder = new RatingStoreBuilder();
        string[] users = ["plain", "with,comma", "with \"quotes\"", " padded ", "tab\there", "ünïcødé", "007"];
        for (int k = 0; k < users.Length; k++)
        {
            builder.Add(users[k], $"item {k}", k + 0.5f, 1_600_000_000 + k);
        }

        RatingStore original = builder.Build();
        RatingWriter.WriteMovieLens(original, _folder.File("s.csv"));
        RatingStore copy = RatingReader.Read(_folder.File("s.csv"), new RatingReadOptions { Ids = IdKind.String }).Store;

        copy.RawRatings().Should().Equal(original.RawRatings());
    }

    [Fact]
    public void Libmf_refuses_ids_with_whitespace()
    {
        var builder = new RatingStoreBuilder();
        builder.Add("a b", "c", 1f);

        FluentActions.Invoking(() => RatingWriter.WriteLibmf(builder.Build(), new MemoryStream())).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Random_rating_lists_load_back_identically()
    {
        var random = new Random(20240229);
        for (int trial = 0; trial < 200; trial++)
        {
            bool timed = random.Next(2) == 0;
            bool negative = random.Next(4) == 0;
            int n = random.Next(1, 60);
            var builder = new RatingStoreBuilder(DuplicatePolicy.KeepLast);
            for (int k = 0; k < n; k++)
            {
                long user = Id(random, negative);
                long item = Id(random, negative);
                float value = random.Next(3) switch
                {
                    0 => random.Next(1, 11) / 2f,
                    1 => (float)(random.NextDouble() * 10 - 5),
                    _ => BitConverter.Int32BitsToSingle(random.Next()) is float f && float.IsFinite(f) ? f : 1f,
                };
                builder.Add(user, item, value, timed ? random.NextInt64(-1L << 31, 1L << 31) : null);
            }

            RatingStore original = builder.Build();
            foreach (bool libmf in new[] { false, true })
            {
                using var memory = new MemoryStream();
                if (libmf)
                {
                    RatingWriter.WriteLibmf(original, memory);
                }
                else
                {
                    RatingWriter.WriteMovieLens(original, memory);
                }

                // Dense item indices follow first sight, which the file's order can change; the
                // ratings by raw id must not change, and a second cycle must change nothing.
                RatingStore copy = ReadBack(memory, libmf);
                var expected = original.SortedRawRatings();
                copy.SortedRawRatings().Should().Equal(libmf ? expected.Select(r => r with { Time = null }) : expected, $"trial {trial}, {(libmf ? "LIBMF" : "csv")}");
                using var again = new MemoryStream();
                RatingWriter.WriteMovieLens(copy, again);
                RatingStore copyOfCopy = ReadBack(again, libmf: false);
                copyOfCopy.ItemIndices.ToArray().Should().Equal(copy.ItemIndices.ToArray());
                copyOfCopy.RawRatings().Should().Equal(copy.RawRatings());
            }
        }

        static RatingStore ReadBack(MemoryStream memory, bool libmf)
        {
            memory.Position = 0;
            return RatingReader.Read(memory, new RatingReadOptions { Format = libmf ? RatingFormat.Libmf : RatingFormat.MovieLens }).Store;
        }

        static long Id(Random random, bool negative) => random.Next(4) switch
        {
            0 => random.Next(20),
            1 => random.Next(100_000),
            2 => random.NextInt64(long.MaxValue),
            _ => negative ? -random.NextInt64(long.MaxValue) : random.Next(5),
        };
    }
}
