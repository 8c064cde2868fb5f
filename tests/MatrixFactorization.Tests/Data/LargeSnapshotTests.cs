using System.Buffers.Binary;
using System.IO.Hashing;
using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

/// <summary>
/// Snapshots of several megabytes, which are read on two threads (the whole-file checksum and the
/// values on one, ids, rows and item indices on the other): the result and the errors must be
/// those of the one-thread read of small files.
/// </summary>
public sealed class LargeSnapshotTests
{
    // Header offsets from docs/file-formats.md.
    private const int MaxAt = 36;
    private const int TableAt = 56;
    private const int TableEntryLength = 32;
    private const int HeaderChecksumAt = TableAt + (6 * TableEntryLength);

    [Fact]
    public void A_large_store_reloads_equal_from_a_file_and_from_memory()
    {
        RatingStore store = Large();
        using var folder = new TempFolder();
        string path = folder.File("large.mfr");
        RatingSnapshot.Write(store, path);
        new FileInfo(path).Length.Should().BeGreaterThan(4 << 20, "the test needs a snapshot read on two threads");

        ShouldEqual(RatingSnapshot.Read(path).Store, store);
        ShouldEqual(RatingSnapshot.Read(new MemoryStream(File.ReadAllBytes(path))).Store, store);
    }

    [Fact]
    public void Damaged_item_indices_are_reported_as_damage_not_as_bad_indices()
    {
        byte[] bytes = Bytes(Large());
        long items = SectionStart(bytes, 3);

        // An index far out of range fails the row check, which may finish before the checksum does.
        bytes[items + 3] ^= 0x40;
        RatingFormatException e = Refusal(bytes);
        e.Message.Should().Contain("section ITEM (item indices)").And.Contain("checksum");
    }

    [Fact]
    public void Damaged_values_name_their_section()
    {
        byte[] bytes = Bytes(Large());
        bytes[SectionStart(bytes, 4) + 1001] ^= 0x01;
        Refusal(bytes).Message.Should().Contain("section VALS (rating values)").And.Contain("checksum");
    }

    [Fact]
    public void A_value_outside_the_declared_scale_is_refused_with_its_position_when_the_checksums_hold()
    {
        byte[] bytes = Bytes(Large());

        // Lower the declared maximum below the largest rating (5) and seal the header and file again.
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(MaxAt), 4.75f);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(HeaderChecksumAt), XxHash3.HashToUInt64(bytes.AsSpan(0, HeaderChecksumAt)));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8), XxHash3.HashToUInt64(bytes.AsSpan(0, bytes.Length - 8)));

        RatingFormatException e = Refusal(bytes);
        e.Message.Should().Contain("is 5, outside the scale [").And.Contain(", 4.75] the header declares");
    }

    private static long SectionStart(byte[] bytes, int section) =>
        BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(TableAt + (section * TableEntryLength) + 8));

    private static RatingFormatException Refusal(byte[] bytes)
    {
        bytes.Length.Should().BeGreaterThan(4 << 20, "the test needs a snapshot read on two threads");
        Action read = () => RatingSnapshot.Read(new MemoryStream(bytes), "big.mfr");
        return read.Should().Throw<RatingFormatException>().Which;
    }

    private static byte[] Bytes(RatingStore store)
    {
        using var stream = new MemoryStream();
        RatingSnapshot.Write(store, stream);
        return stream.ToArray();
    }

    // 4,000 users rating 120 of 400 items each, values 0.5 to 5, with timestamps: about 5.8 MB.
    private static RatingStore Large()
    {
        var builder = new RatingStoreBuilder();
        for (int u = 0; u < 4000; u++)
        {
            for (int k = 0; k < 120; k++)
            {
                int item = ((k * 3) + u) % 400;
                float value = (((u + k) % 10) + 1) / 2f;
                builder.Add(u * 11L, item * 7L, value, 1_500_000_000L + (u * 1000L) + k);
            }
        }

        return builder.Build();
    }

    private static void ShouldEqual(RatingStore actual, RatingStore expected)
    {
        actual.Count.Should().Be(expected.Count);
        actual.UserCount.Should().Be(expected.UserCount);
        actual.ItemCount.Should().Be(expected.ItemCount);
        actual.HasTimestamps.Should().BeTrue();
        Enumerable.Range(0, expected.UserCount).All(u => actual.Users.GetId(u).Equals(expected.Users.GetId(u))).Should().BeTrue();
        Enumerable.Range(0, expected.ItemCount).All(i => actual.Items.GetId(i).Equals(expected.Items.GetId(i))).Should().BeTrue();
        actual.UserOffsets.SequenceEqual(expected.UserOffsets).Should().BeTrue();
        actual.ItemIndices.SequenceEqual(expected.ItemIndices).Should().BeTrue();
        actual.Values.SequenceEqual(expected.Values).Should().BeTrue();
        Enumerable.Range(0, expected.Count).All(p => actual.GetTimestamp(p) == expected.GetTimestamp(p)).Should().BeTrue();
    }
}
