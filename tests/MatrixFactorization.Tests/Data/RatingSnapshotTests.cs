using System.Buffers.Binary;
using System.IO.Hashing;
using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

public sealed class RatingSnapshotTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void A_reloaded_store_equals_the_written_one(bool stringIds, bool timestamps)
    {
        RatingStore store = Sample(stringIds, timestamps, users: 40, items: 25);
        RatingStore loaded = RoundTrip(store);
        ShouldEqual(loaded, store);
        loaded.Users.Kind.Should().Be(stringIds ? IdKind.String : IdKind.Integer);
    }

    [Fact]
    public void Users_without_ratings_keep_their_place()
    {
        RatingStore full = Sample(stringIds: false, timestamps: true, users: 30, items: 12);
        int[] positions = [.. Enumerable.Range(0, full.Count).Where(p => full[p].User % 3 != 1)];
        RatingStore holey = full.Subset(positions);
        holey.GetUserRatings(1).Length.Should().Be(0, "the test needs empty rows");

        RatingStore loaded = RoundTrip(holey);
        ShouldEqual(loaded, holey);
        loaded.GetUserRatings(1).Length.Should().Be(0);
    }

    [Fact]
    public void An_empty_store_round_trips()
    {
        RatingStore empty = new RatingStoreBuilder().Build();
        RatingStore loaded = RoundTrip(empty);
        loaded.Count.Should().Be(0);
        loaded.UserCount.Should().Be(0);
        loaded.ItemCount.Should().Be(0);
    }

    [Fact]
    public void Large_negative_and_unicode_ids_round_trip()
    {
        var builder = new RatingStoreBuilder();
        builder.Add(long.MaxValue, -5, 1f, -100);
        builder.Add(long.MinValue, 3_000_000_000L, 2f, 4_000_000_000L);
        builder.Add(7, -5, 3.25f, 0);
        RatingStore integers = builder.Build();
        ShouldEqual(RoundTrip(integers), integers);

        var strings = new RatingStoreBuilder();
        strings.Add("zoë", "日本", 4f);
        strings.Add(string.Empty, "🙂", 1.5f);
        strings.Add("a,b\tc", "日本", 2f);
        RatingStore texts = strings.Build();
        ShouldEqual(RoundTrip(texts), texts);
    }

    [Fact]
    public void Items_sharing_the_user_map_share_it_again()
    {
        RatingStore sample = Sample(stringIds: false, timestamps: false, users: 10, items: 10);
        var map = new IdMap(IdKind.Integer);
        for (int k = 0; k < 10; k++)
        {
            map.GetOrAdd(100 + k);
        }

        var shared = new RatingStore(map, map, sample.UserOffsets.ToArray(), sample.ItemIndices.ToArray(), sample.Values.ToArray(), null, 0);
        RatingStore loaded = RoundTrip(shared);
        loaded.Items.Should().BeSameAs(loaded.Users);
        ShouldEqual(loaded, shared);
    }

    [Fact]
    public void MovieLens_small_round_trips_through_a_file()
    {
        RatingStore store = RatingReader.Read(BundledData.Ratings).Store;
        using var folder = new TempFolder();
        string path = folder.File("ml.mfr");
        RatingSnapshot.Write(store, path);

        RatingSnapshot.IsSnapshot(path).Should().BeTrue();
        RatingSnapshot.IsSnapshot(BundledData.Ratings).Should().BeFalse();
        LoadResult loaded = RatingSnapshot.Read(path);
        loaded.Report.Format.Should().Be(RatingFormat.Snapshot);
        loaded.Report.SourceName.Should().Be("ml.mfr");
        loaded.Report.RatingsKept.Should().Be(100_836);
        ShouldEqual(loaded.Store, store);
        loaded.Store.Statistics.Scale.Should().Be(store.Statistics.Scale);
        loaded.Store.Statistics.Scale.Should().Be(RatingScale.HalfStars);
    }

    [Fact]
    public void File_and_stream_hold_the_same_bytes_and_every_stream_kind_reads_them()
    {
        RatingStore store = Sample(stringIds: true, timestamps: true, users: 20, items: 9);
        using var folder = new TempFolder();
        string path = folder.File("s.mfr");
        RatingSnapshot.Write(store, path);
        byte[] bytes = Bytes(store);
        File.ReadAllBytes(path).Should().Equal(bytes);

        using (FileStream file = File.OpenRead(path))
        {
            ShouldEqual(RatingSnapshot.Read(file).Store, store);
        }

        using (var unseekable = new OneWayStream(bytes))
        {
            ShouldEqual(RatingSnapshot.Read(unseekable, "pipe").Store, store);
        }

        // A memory stream is read from its position, which need not be its start.
        using var offset = new MemoryStream();
        offset.Write([1, 2, 3]);
        offset.Write(bytes);
        offset.Position = 3;
        ShouldEqual(RatingSnapshot.Read(offset).Store, store);
        offset.Position.Should().Be(offset.Length);
    }

    [Fact]
    public void Every_single_byte_change_is_refused()
    {
        byte[] good = Bytes(Sample(stringIds: true, timestamps: true, users: 6, items: 5));
        for (int at = 0; at < good.Length; at++)
        {
            foreach (byte flip in new byte[] { 0x01, 0x80, 0xFF })
            {
                byte[] bad = (byte[])good.Clone();
                bad[at] ^= flip;
                ShouldBeRefused(bad, $"byte {at} xor 0x{flip:X2}");
            }
        }
    }

    [Fact]
    public void Every_truncation_and_any_trailing_byte_is_refused()
    {
        byte[] good = Bytes(Sample(stringIds: false, timestamps: true, users: 6, items: 5));
        for (int length = 0; length < good.Length; length++)
        {
            ShouldBeRefused(good[..length], $"cut to {length} bytes");
        }

        ShouldBeRefused([.. good, 0], "one byte more");
        RatingFormatException e = Refusal([.. good, 0, 0, 0]);
        e.Message.Should().Contain("3 bytes follow the final checksum");
    }

    [Fact]
    public void A_damaged_section_is_named()
    {
        byte[] bytes = Bytes(Sample(stringIds: false, timestamps: true, users: 6, items: 5));
        bytes[^12] ^= 1; // inside the last section, the timestamps
        RatingFormatException e = Refusal(bytes, "x.mfr");
        e.SourceName.Should().Be("x.mfr");
        e.Message.Should().Contain("section TIME (timestamps)").And.Contain("damaged");
        e.Hint.Should().Contain("mf data convert");
    }

    [Fact]
    public void A_newer_version_is_refused_with_both_versions_named()
    {
        byte[] bytes = Bytes(Sample(stringIds: false, timestamps: false, users: 4, items: 4));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 2);
        RatingFormatException e = Refusal(bytes);
        e.Message.Should().Contain("version 2").And.Contain("version 1");
        e.Hint.Should().Contain("Update the library");
    }

    [Fact]
    public void Text_is_not_a_snapshot()
    {
        RatingFormatException e = Refusal("1,2,3.5\n"u8.ToArray());
        e.Message.Should().Contain("not a rating snapshot");
    }

    [Fact]
    public void A_huge_declared_length_fails_before_anything_is_allocated_for_it()
    {
        byte[] bytes = Bytes(Sample(stringIds: false, timestamps: true, users: 300, items: 200));

        // Counts and section lengths that agree with each other, under a valid header checksum:
        // only the file's size can tell that the data is not there.
        const int Ratings = 500_000_000;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), Ratings);
        for (int section = 3; section < 6; section++)
        {
            int entry = 56 + (section * 32);
            long offset = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(entry + 8));
            long previousEnd = section == 3 ? offset : BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(entry - 32 + 8)) + (4L * Ratings);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(entry + 8), previousEnd);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(entry + 16), 4L * Ratings);
        }

        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(248), XxHash3.HashToUInt64(bytes.AsSpan(0, 248)));
        using var folder = new TempFolder();
        string path = folder.Write("huge.mfr", bytes);
        FluentActions.Invoking(() => RatingSnapshot.Read(path)).Should().Throw<RatingFormatException>()
            .Which.Message.Should().Contain("cut short");

        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            RatingSnapshot.Read(path);
        }
        catch (RatingFormatException)
        {
            // Expected, as above; the second read is measured with its code already compiled.
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().BeLessThan(10L * bytes.Length, $"the file is {bytes.Length} bytes and declares {4L * Ratings} bytes of item indices");
    }

    // Both ways in: bytes in memory, checked by the whole-file checksum first, and a stream read
    // section by section, each checked by its own checksum before it is used.
    [Fact]
    public void Text_reading_options_refuse_the_snapshot_format()
    {
        FluentActions.Invoking(() => new RatingReadOptions { Format = RatingFormat.Snapshot })
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*RatingSnapshot.Read*");
    }

    private static void ShouldBeRefused(byte[] bytes, string because)
    {
        Action inMemory = () => RatingSnapshot.Read(new MemoryStream(bytes), "t.mfr");
        inMemory.Should().Throw<RatingFormatException>(because).Which.SourceName.Should().Be("t.mfr");
        Action streamed = () => RatingSnapshot.Read(new BufferedStream(new MemoryStream(bytes)), "t.mfr");
        streamed.Should().Throw<RatingFormatException>(because).Which.SourceName.Should().Be("t.mfr");
    }

    private static RatingFormatException Refusal(byte[] bytes, string source = "t.mfr")
    {
        Action read = () => RatingSnapshot.Read(new MemoryStream(bytes), source);
        return read.Should().Throw<RatingFormatException>().Which;
    }

    private static byte[] Bytes(RatingStore store)
    {
        using var stream = new MemoryStream();
        RatingSnapshot.Write(store, stream);
        return stream.ToArray();
    }

    private static RatingStore RoundTrip(RatingStore store)
    {
        byte[] bytes = Bytes(store);
        return RatingSnapshot.Read(new MemoryStream(bytes)).Store;
    }

    // Ratings in no particular order, with gaps in the ids, so that order and ids both matter.
    private static RatingStore Sample(bool stringIds, bool timestamps, int users, int items)
    {
        var builder = new RatingStoreBuilder();
        var random = new Random(7);
        var seen = new HashSet<(int, int)>();
        for (int k = 0; k < users * 4; k++)
        {
            int u = random.Next(users), i = random.Next(items);
            if (!seen.Add((u, i)))
            {
                continue;
            }

            float value = random.Next(1, 11) / 2f;
            long? time = timestamps ? 1_000_000_000L + random.Next(1_000_000) : null;
            if (stringIds)
            {
                builder.Add($"user-{u * 7}", $"item-{(i * 13) + 5}", value, time);
            }
            else
            {
                builder.Add((u * 1_000_003L) - 50, (i * 17L) + 1, value, time);
            }
        }

        return builder.Build();
    }

    private static void ShouldEqual(RatingStore actual, RatingStore expected)
    {
        actual.Count.Should().Be(expected.Count);
        actual.UserCount.Should().Be(expected.UserCount);
        actual.ItemCount.Should().Be(expected.ItemCount);
        actual.HasTimestamps.Should().Be(expected.HasTimestamps);
        for (int u = 0; u < expected.UserCount; u++)
        {
            actual.Users.GetId(u).Should().Be(expected.Users.GetId(u));
            actual.Users.TryGetIndex(expected.Users.GetId(u), out int index).Should().BeTrue();
            index.Should().Be(u);
        }

        for (int i = 0; i < expected.ItemCount; i++)
        {
            actual.Items.GetId(i).Should().Be(expected.Items.GetId(i));
        }

        actual.UserOffsets.ToArray().Should().Equal(expected.UserOffsets.ToArray());
        actual.ItemIndices.ToArray().Should().Equal(expected.ItemIndices.ToArray());
        actual.Values.ToArray().Should().Equal(expected.Values.ToArray());
        if (expected.HasTimestamps)
        {
            for (int p = 0; p < expected.Count; p++)
            {
                actual.GetTimestamp(p).Should().Be(expected.GetTimestamp(p));
            }
        }

        actual.RawRatings().Should().Equal(expected.RawRatings());
    }

    /// <summary>A stream that can only be read forwards, as a pipe.</summary>
    private sealed class OneWayStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override bool TryGetBuffer(out ArraySegment<byte> buffer)
        {
            buffer = default;
            return false;
        }
    }
}
