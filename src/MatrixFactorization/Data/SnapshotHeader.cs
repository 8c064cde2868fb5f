using System.Buffers.Binary;
using System.IO.Hashing;

namespace MatrixFactorization.Data;

/// <summary>
/// A snapshot's header, believed only after its checksum, and with every section length checked
/// against the counts and the sections together against the file's length, so that nothing is
/// allocated for a size the file does not have.
/// </summary>
internal sealed class SnapshotHeader
{
    private readonly long[] _lengths = new long[SnapshotLayout.SectionCount];
    private readonly ulong[] _checksums = new ulong[SnapshotLayout.SectionCount];

    private SnapshotHeader()
    {
    }

    public bool HasTimestamps { get; private init; }

    public bool SharedIds { get; private init; }

    public IdKind UserKind { get; private init; }

    public IdKind ItemKind { get; private init; }

    public int Users { get; private init; }

    public int Items { get; private init; }

    public int Ratings { get; private init; }

    public float Min { get; private init; }

    public float Max { get; private init; }

    public long TimeBase { get; private init; }

    public int LengthOf(int section) => (int)_lengths[section];

    public ulong ChecksumOf(int section) => _checksums[section];

    /// <summary>Reads and checks the header; <paramref name="bytes"/> must hold the first <see cref="SnapshotLayout.HeaderLength"/> bytes, or all of a shorter file.</summary>
    public static SnapshotHeader Parse(ReadOnlySpan<byte> bytes, long fileLength, SnapshotErrors errors)
    {
        if (bytes.Length < 4 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != SnapshotLayout.Magic)
        {
            throw errors.NotSnapshot();
        }

        if (bytes.Length < 8)
        {
            throw errors.Damaged($"the file is {fileLength} bytes long and ends inside its header");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        if (version > SnapshotLayout.Version)
        {
            throw errors.Newer(version);
        }

        if (version < 1)
        {
            throw errors.Damaged($"its version is {version}, but versions start at 1");
        }

        if (bytes.Length < SnapshotLayout.HeaderLength)
        {
            throw errors.Damaged($"the file is {fileLength} bytes long and ends inside its {SnapshotLayout.HeaderLength}-byte header");
        }

        ulong stored = BinaryPrimitives.ReadUInt64LittleEndian(bytes[SnapshotLayout.HeaderChecksumAt..]);
        if (XxHash3.HashToUInt64(bytes[..SnapshotLayout.HeaderChecksumAt]) != stored)
        {
            throw errors.Damaged($"the checksum of the header (bytes 0 to {SnapshotLayout.HeaderChecksumAt}) does not match");
        }

        int flags = Int32At(bytes, SnapshotLayout.FlagsAt);
        var header = new SnapshotHeader
        {
            HasTimestamps = (flags & SnapshotLayout.TimestampsFlag) != 0,
            SharedIds = (flags & SnapshotLayout.SharedIdsFlag) != 0,
            UserKind = (IdKind)Int32At(bytes, SnapshotLayout.UserKindAt),
            ItemKind = (IdKind)Int32At(bytes, SnapshotLayout.ItemKindAt),
            Users = Int32At(bytes, SnapshotLayout.UsersAt),
            Items = Int32At(bytes, SnapshotLayout.ItemsAt),
            Ratings = Int32At(bytes, SnapshotLayout.RatingsAt),
            Min = BinaryPrimitives.ReadSingleLittleEndian(bytes[SnapshotLayout.MinAt..]),
            Max = BinaryPrimitives.ReadSingleLittleEndian(bytes[SnapshotLayout.MaxAt..]),
            TimeBase = BinaryPrimitives.ReadInt64LittleEndian(bytes[SnapshotLayout.TimeBaseAt..]),
        };
        header.CheckFields(flags, Int32At(bytes, SnapshotLayout.SectionCountAt), Int32At(bytes, SnapshotLayout.ReservedAt), errors);
        header.ReadTable(bytes, fileLength, errors);
        return header;
    }

    private void CheckFields(int flags, int sections, int reserved, SnapshotErrors errors)
    {
        if ((flags & ~SnapshotLayout.KnownFlags) != 0 || reserved != 0)
        {
            throw errors.Invalid($"the header sets flags 0x{flags:X} and reserved field {reserved}, but this library knows flags 0x{SnapshotLayout.KnownFlags:X} and a reserved 0");
        }

        if (!Enum.IsDefined(UserKind) || !Enum.IsDefined(ItemKind))
        {
            throw errors.Invalid($"the id kinds are {(int)UserKind} and {(int)ItemKind}, but only 0 (integer) and 1 (string) exist");
        }

        if (Users < 0 || Items < 0 || Ratings < 0 || Users >= Array.MaxLength || Ratings > Array.MaxLength)
        {
            throw errors.Invalid($"the header declares {Users} users, {Items} items and {Ratings} ratings; each must be in [0, {Array.MaxLength})");
        }

        if (SharedIds && (Users != Items || UserKind != ItemKind))
        {
            throw errors.Invalid($"users and items share one id map, but the header declares {Users} users and {Items} items");
        }

        if (!float.IsFinite(Min) || !float.IsFinite(Max) || Min > Max)
        {
            throw errors.Invalid($"the rating scale [{Min}, {Max}] is not a finite range");
        }

        if (HasTimestamps ? TimeBase > SnapshotLayout.MaxTimeBase : TimeBase != 0)
        {
            throw errors.Invalid($"the timestamp base {TimeBase} is out of range");
        }

        if (sections != SnapshotLayout.SectionCount)
        {
            throw errors.Invalid($"the header lists {sections} sections, but version {SnapshotLayout.Version} has {SnapshotLayout.SectionCount}");
        }
    }

    private void ReadTable(ReadOnlySpan<byte> bytes, long fileLength, SnapshotErrors errors)
    {
        long next = SnapshotLayout.HeaderLength;
        for (int s = 0; s < SnapshotLayout.SectionCount; s++)
        {
            ReadOnlySpan<byte> entry = bytes.Slice(SnapshotLayout.TableAt + (s * SnapshotLayout.TableEntryLength), SnapshotLayout.TableEntryLength);
            uint id = BinaryPrimitives.ReadUInt32LittleEndian(entry);
            uint flags = BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
            long offset = BinaryPrimitives.ReadInt64LittleEndian(entry[8..]);
            long length = BinaryPrimitives.ReadInt64LittleEndian(entry[16..]);
            string name = SnapshotLayout.Describe(s);
            if (id != SnapshotLayout.IdOf(s) || flags != 0)
            {
                throw errors.Invalid($"table entry {s} should be section {name} with flags 0, but has id 0x{id:X8} and flags {flags}");
            }

            if (offset != next)
            {
                throw errors.Invalid($"section {name} is listed at byte {offset}, but the sections follow one another and it must start at byte {next}");
            }

            (long least, long most) = ExpectedLength(s);
            if (length < least || length > most)
            {
                string expected = least == most ? $"{least}" : $"between {least} and {most}";
                throw errors.Invalid(
                    $"section {name} is {length} bytes, but {Users} users, {Items} items and {Ratings} ratings{(HasTimestamps ? " with timestamps" : string.Empty)} need {expected}");
            }

            _lengths[s] = length;
            _checksums[s] = BinaryPrimitives.ReadUInt64LittleEndian(entry[24..]);
            next = offset + length;
        }

        long end = next + SnapshotLayout.ChecksumLength;
        if (end > fileLength)
        {
            throw errors.Damaged($"the header declares {end} bytes, but the file has only {fileLength}: it was cut short");
        }

        if (end < fileLength)
        {
            throw errors.Damaged($"the header declares {end} bytes, but the file has {fileLength}: {fileLength - end} bytes follow the final checksum");
        }
    }

    // The lengths a section may have for the declared counts: fixed for arrays; for string ids,
    // the table of ends plus any number of UTF-8 bytes a section can hold.
    private (long Least, long Most) ExpectedLength(int section)
    {
        long rows = 4L * Ratings;
        return section switch
        {
            SnapshotLayout.UserIds => IdLength(UserKind, Users),
            SnapshotLayout.ItemIds => SharedIds ? (0, 0) : IdLength(ItemKind, Items),
            SnapshotLayout.Rows => (4L * (Users + 1L), 4L * (Users + 1L)),
            SnapshotLayout.Timestamps => HasTimestamps ? (rows, rows) : (0, 0),
            _ => (rows, rows),
        };
    }

    private static (long Least, long Most) IdLength(IdKind kind, int count) =>
        kind == IdKind.Integer ? (8L * count, 8L * count) : (4L * count, Array.MaxLength);

    private static int Int32At(ReadOnlySpan<byte> bytes, int at) => BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
}
