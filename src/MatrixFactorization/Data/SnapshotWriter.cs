using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace MatrixFactorization.Data;

/// <summary>
/// Writes a rating snapshot: the header with every count and the section table, a checksum of the
/// header, the six sections as the store's arrays hold them (little-endian), and a checksum of
/// every byte before it.
/// </summary>
internal sealed class SnapshotWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly RatingStore _store;
    private readonly bool _sharedIds;
    private readonly byte[] _userIds;
    private readonly byte[] _itemIds;

    private SnapshotWriter(RatingStore store)
    {
        _store = store;
        _sharedIds = ReferenceEquals(store.Users, store.Items);
        _userIds = EncodeIds(store.Users);
        _itemIds = _sharedIds ? [] : EncodeIds(store.Items);
    }

    public static void Write(RatingStore store, Stream stream)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Rating snapshots are written as the arrays lie in memory, which must be little-endian.");
        }

        new SnapshotWriter(store).WriteTo(stream);
    }

    private void WriteTo(Stream stream)
    {
        Span<byte> header = stackalloc byte[SnapshotLayout.HeaderLength];
        header.Clear();
        FillHeader(header);
        var checksum = new XxHash3();
        checksum.Append(header);
        stream.Write(header);
        for (int s = 0; s < SnapshotLayout.SectionCount; s++)
        {
            ReadOnlySpan<byte> bytes = Section(s);
            checksum.Append(bytes);
            stream.Write(bytes);
        }

        Span<byte> hash = stackalloc byte[SnapshotLayout.ChecksumLength];
        BinaryPrimitives.WriteUInt64LittleEndian(hash, checksum.GetCurrentHashAsUInt64());
        stream.Write(hash);
    }

    private void FillHeader(Span<byte> header)
    {
        RatingStore store = _store;
        (float min, float max) = Range(store.Values);
        int flags = (store.HasTimestamps ? SnapshotLayout.TimestampsFlag : 0) | (_sharedIds ? SnapshotLayout.SharedIdsFlag : 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header, SnapshotLayout.Magic);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], SnapshotLayout.Version);
        BinaryPrimitives.WriteInt32LittleEndian(header[SnapshotLayout.FlagsAt..], flags);
        BinaryPrimitives.WriteInt32LittleEndian(header[SnapshotLayout.UserKindAt..], (int)store.Users.Kind);
        BinaryPrimitives.WriteInt32LittleEndian(header[SnapshotLayout.ItemKindAt..], (int)store.Items.Kind);
        BinaryPrimitives.WriteInt32LittleEndian(header[SnapshotLayout.UsersAt..], store.UserCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[SnapshotLayout.ItemsAt..], store.ItemCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[SnapshotLayout.RatingsAt..], store.Count);
        BinaryPrimitives.WriteSingleLittleEndian(header[SnapshotLayout.MinAt..], min);
        BinaryPrimitives.WriteSingleLittleEndian(header[SnapshotLayout.MaxAt..], max);
        BinaryPrimitives.WriteInt64LittleEndian(header[SnapshotLayout.TimeBaseAt..], store.TimeBase);
        BinaryPrimitives.WriteInt32LittleEndian(header[SnapshotLayout.SectionCountAt..], SnapshotLayout.SectionCount);
        long offset = SnapshotLayout.HeaderLength;
        for (int s = 0; s < SnapshotLayout.SectionCount; s++)
        {
            ReadOnlySpan<byte> bytes = Section(s);
            Span<byte> entry = header.Slice(SnapshotLayout.TableAt + (s * SnapshotLayout.TableEntryLength), SnapshotLayout.TableEntryLength);
            BinaryPrimitives.WriteUInt32LittleEndian(entry, SnapshotLayout.IdOf(s));
            BinaryPrimitives.WriteInt64LittleEndian(entry[8..], offset);
            BinaryPrimitives.WriteInt64LittleEndian(entry[16..], bytes.Length);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[24..], XxHash3.HashToUInt64(bytes));
            offset += bytes.Length;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(header[SnapshotLayout.HeaderChecksumAt..], XxHash3.HashToUInt64(header[..SnapshotLayout.HeaderChecksumAt]));
    }

    private ReadOnlySpan<byte> Section(int section) => section switch
    {
        SnapshotLayout.UserIds => _userIds,
        SnapshotLayout.ItemIds => _itemIds,
        SnapshotLayout.Rows => MemoryMarshal.AsBytes(_store.UserOffsets),
        SnapshotLayout.ItemIndices => MemoryMarshal.AsBytes(_store.ItemIndices),
        SnapshotLayout.Values => MemoryMarshal.AsBytes(_store.Values),
        _ => MemoryMarshal.AsBytes(_store.TimeOffsets),
    };

    // Integer ids as int64s; string ids as the end of each id's UTF-8 bytes (int32s), then the bytes.
    private static byte[] EncodeIds(IdMap map)
    {
        int count = map.Count;
        if (map.Kind == IdKind.Integer)
        {
            var ids = new long[count];
            for (int i = 0; i < count; i++)
            {
                ids[i] = map.GetInt64Id(i);
            }

            return MemoryMarshal.AsBytes(ids.AsSpan()).ToArray();
        }

        var ends = new int[count];
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            total += StrictUtf8.GetByteCount(map.GetId(i));
            ends[i] = total <= int.MaxValue - (4L * count) ? (int)total : throw new InvalidOperationException(
                $"The {count:N0} string ids take more than 2 GB as UTF-8, more than a snapshot section holds.");
        }

        byte[] bytes = new byte[(4 * count) + total];
        MemoryMarshal.AsBytes(ends.AsSpan()).CopyTo(bytes);
        int at = 4 * count;
        for (int i = 0; i < count; i++)
        {
            at += StrictUtf8.GetBytes(map.GetId(i), bytes.AsSpan(at));
        }

        return bytes;
    }

    // The observed range, which the reader checks every value against; (0, 0) for no ratings.
    private static (float Min, float Max) Range(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            return (0, 0);
        }

        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        for (int p = 0; p < values.Length; p++)
        {
            float v = values[p];

            // A reader refuses such a value, so writing it would make a file that cannot be read.
            if (!float.IsFinite(v))
            {
                throw new ArgumentException($"The rating at position {p} is {v}; a snapshot holds finite ratings only.", "store");
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return (min, max);
    }
}
