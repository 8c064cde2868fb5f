using System.Globalization;
using System.Text;
using MatrixFactorization.Data;
using MatrixFactorization.Data.Synthetic;

namespace MatrixFactorization.Tests.Data.Synthetic;

public class SyntheticLibmfTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_file_holds_exactly_the_ratings_of_the_store(bool rounded)
    {
        var options = SyntheticOptions.Small with { Ratings = 20_000, RoundToHalfStars = rounded, Seed = 8 };
        var data = new SyntheticRatingGenerator(options).Generate();
        using var stream = new MemoryStream();

        SyntheticFileSummary summary = new SyntheticRatingGenerator(options).WriteLibmf(stream);

        summary.Ratings.Should().Be(20_000);
        summary.Bytes.Should().Be(stream.Length);
        summary.NoiseFloorRmse.Should().Be(data.NoiseFloorRmse);
        string[] lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
        lines[^1].Should().BeEmpty("every line ends with a newline");
        lines.Should().HaveCount(20_001);
        for (int p = 0; p < data.Store.Count; p++)
        {
            string[] fields = lines[p].Split(' ');
            fields.Should().HaveCount(3);
            Rating r = data.Store[p];
            int.Parse(fields[0], CultureInfo.InvariantCulture).Should().Be(r.User);
            int.Parse(fields[1], CultureInfo.InvariantCulture).Should().Be(r.Item);
            float.Parse(fields[2], CultureInfo.InvariantCulture).Should().Be(r.Value);
        }
    }

    [Fact]
    public void The_file_is_identical_with_any_thread_count_and_loads_without_duplicates()
    {
        var options = SyntheticOptions.Small with { Ratings = 30_000, Seed = 2 };
        byte[] one = Write(new SyntheticRatingGenerator(options, maxDegreeOfParallelism: 1));
        byte[] two = Write(new SyntheticRatingGenerator(options, maxDegreeOfParallelism: 2));

        two.Should().Equal(one);

        var builder = new RatingStoreBuilder(DuplicatePolicy.Error);
        foreach (string line in Encoding.UTF8.GetString(one).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split(' ');
            builder.Add(long.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[1], CultureInfo.InvariantCulture), float.Parse(fields[2], CultureInfo.InvariantCulture));
        }

        builder.Build(out BuildReport report);
        report.DuplicatePairs.Should().Be(0);
        report.RatingsKept.Should().Be(30_000);
    }

    [Fact]
    public void Writing_to_a_path_creates_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"synthetic-{Guid.NewGuid():N}.txt");
        try
        {
            SyntheticFileSummary summary = new SyntheticRatingGenerator(SyntheticOptions.Small with { Ratings = 1_000 }).WriteLibmf(path);

            new FileInfo(path).Length.Should().Be(summary.Bytes);
            File.ReadLines(path).Count().Should().Be(1_000);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Rating_text_parses_back_to_the_same_float()
    {
        var random = new Random(4);
        var buffer = new byte[32];
        var samples = new List<float> { 0f, -0f, 1f, 3.5f, 0.001f, 0.00099f, 123456.79f, -2.75f, 999_999_999f, 1e9f, float.Epsilon, float.MaxValue, -float.MaxValue };
        for (int k = 0; k < 200_000; k++)
        {
            samples.Add((float)((random.NextDouble() * 12) - 3));
            samples.Add(BitConverter.Int32BitsToSingle(random.Next()) * (random.Next(2) == 0 ? 1 : -1));
        }

        var failures = new List<string>();
        foreach (float value in samples.Where(float.IsFinite))
        {
            int length = LibmfText.FormatRating(value, buffer);
            string text = Encoding.ASCII.GetString(buffer, 0, length);
            if (float.Parse(text, CultureInfo.InvariantCulture) != value || length > 19)
            {
                failures.Add($"{value:R} -> '{text}'");
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public void Rating_text_is_short_for_round_values()
    {
        var buffer = new byte[32];

        Text(3.5f).Should().Be("3.5");
        Text(4f).Should().Be("4");
        Text(-0.25f).Should().Be("-0.25");
        Text(2.1f).Should().Be("2.1");

        string Text(float value) => Encoding.ASCII.GetString(buffer, 0, LibmfText.FormatRating(value, buffer));
    }

    [Fact]
    public void Ids_of_every_length_are_written_in_full()
    {
        int[] items = [0, 1, 9, 10, 99, 100, 999, 1_000, 99_999, 100_000, 999_999_999, 1_000_000_000, int.MaxValue];
        float[] values = [.. items.Select(_ => 2.5f)];
        var buffer = new byte[items.Length * LibmfText.MaxLineBytes];

        int length = LibmfText.Format(10, items, values, halfStars: true, buffer);

        string expected = string.Concat(items.Select(i => $"10 {i.ToString(CultureInfo.InvariantCulture)} 2.5\n"));
        Encoding.ASCII.GetString(buffer, 0, length).Should().Be(expected);
    }

    private static byte[] Write(SyntheticRatingGenerator generator)
    {
        using var stream = new MemoryStream();
        generator.WriteLibmf(stream);
        return stream.ToArray();
    }
}
