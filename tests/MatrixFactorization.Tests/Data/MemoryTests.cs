using System.Text;
using MatrixFactorization.Data;
using MatrixFactorization.Data.Readers;

namespace MatrixFactorization.Tests.Data;

public sealed class MemoryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_read_store_holds_little_more_than_its_ratings()
    {
        // User ids lengthen through the file, as in MovieLens, which a planner that only looked
        // at the first lines would overestimate.
        var text = new StringBuilder("userId,movieId,rating,timestamp\n");
        int count = 0;
        for (int user = 1; count < 300_000; user += 37)
        {
            for (int item = 1; item <= 50; item++, count++)
            {
                text.Append(user).Append(',').Append(item * 7).Append(",3.5,1500000000\n");
            }
        }

        RatingStore store = RatingReader.Read(_folder.Write("growing.csv", text.ToString())).Store;

        store.Count.Should().Be(count);

        // Item, value and timestamp: 12 bytes a rating; whose rating it is, the row offsets say.
        long ratingBytes = 12L * store.Count;
        long offsetBytes = 4L * (store.UserCount + 1);
        store.SizeInBytes.Should().BeLessThanOrEqualTo((long)(ratingBytes * 1.0625) + offsetBytes);
    }

    [Fact]
    public void The_user_column_is_spelled_out_from_the_rows_only_when_asked_for()
    {
        // Users 0 and 2 have ratings, user 1 has none: its row is empty.
        var builder = new RatingStoreBuilder();
        builder.Add("a", "x", 1f);
        builder.Add("a", "y", 2f);
        builder.Add("b", "x", 3f);
        builder.Add("c", "z", 4f);
        builder.Add("c", "x", 5f);
        RatingStore full = builder.Build();
        RatingStore store = full.Subset([0, 1, 3, 4]);
        long before = store.SizeInBytes;

        store[2].User.Should().Be(2, "the indexer finds the row of a position without the column");
        store[0].User.Should().Be(0);
        store.SizeInBytes.Should().Be(before);

        store.UserIndices.ToArray().Should().Equal(0, 0, 2, 2);
        store.SizeInBytes.Should().Be(before + (4L * store.Count));
    }

    [Fact]
    public void Planner_expects_the_rest_of_the_file_to_look_like_its_end()
    {
        var planner = new CapacityPlanner(totalBytes: 1_000_000, endBytesPerLine: 30);

        // 100 KB parsed in 10-byte lines, 900 KB to go in lines like the last ones.
        int? capacity = planner.Plan(bytesDone: 100_000, blockBytes: 100_000, blockLines: 10_000, count: 10_000, capacity: 1024);

        capacity.Should().Be((int)((10_000 + 30_000) * 1.04) + 1024);
        planner.Plan(100_000, 100_000, 10_000, 10_000, capacity!.Value).Should().BeNull();
        new CapacityPlanner(1_000_000, null).Plan(100_000, 100_000, 10_000, 10_000, 1024).Should().Be((int)(100_000 * 1.04) + 1024);
        new CapacityPlanner(1_000_000, null).Plan(1_000_000, 10, 1, 5, 5).Should().BeNull();
    }

    [Fact]
    public void End_of_a_seekable_stream_is_sampled_without_moving_it()
    {
        byte[] data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("123456789\n", 200_000)));
        using var stream = new MemoryStream(data);
        stream.Position = 1000;

        double? bytesPerLine = CapacityPlanner.SampleEnd(stream);

        bytesPerLine.Should().Be(10);
        stream.Position.Should().Be(1000);
    }
}
