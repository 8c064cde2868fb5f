namespace MatrixFactorization.Data;

/// <summary>
/// The fixed parts of a rating snapshot: magic, version, the header's fields and the order of the
/// six sections. The layout is described for people in docs/file-formats.md.
/// </summary>
internal static class SnapshotLayout
{
    public const uint Magic = 0x5352464D; // the bytes "MFRS" read as a little-endian integer
    public const int Version = 1;

    // Header fields, by offset.
    public const int FlagsAt = 8;
    public const int UserKindAt = 12;
    public const int ItemKindAt = 16;
    public const int UsersAt = 20;
    public const int ItemsAt = 24;
    public const int RatingsAt = 28;
    public const int MinAt = 32;
    public const int MaxAt = 36;
    public const int TimeBaseAt = 40;
    public const int SectionCountAt = 48;
    public const int ReservedAt = 52;
    public const int TableAt = 56;
    public const int TableEntryLength = 32;
    public const int SectionCount = 6;
    public const int HeaderChecksumAt = TableAt + (SectionCount * TableEntryLength);
    public const int ChecksumLength = sizeof(ulong);

    /// <summary>Where the first section starts: the header, its table and its checksum.</summary>
    public const int HeaderLength = HeaderChecksumAt + ChecksumLength;

    public const int TimestampsFlag = 1;
    public const int SharedIdsFlag = 2;
    public const int KnownFlags = TimestampsFlag | SharedIdsFlag;

    // Section indices, in file order.
    public const int UserIds = 0;
    public const int ItemIds = 1;
    public const int Rows = 2;
    public const int ItemIndices = 3;
    public const int Values = 4;
    public const int Timestamps = 5;

    /// <summary>The timestamp base leaves room for the largest offset without overflow.</summary>
    public const long MaxTimeBase = long.MaxValue - uint.MaxValue;

    private static readonly string[] Ids = ["UIDS", "IIDS", "ROWS", "ITEM", "VALS", "TIME"];
    private static readonly string[] Names = ["user ids", "item ids", "row offsets", "item indices", "rating values", "timestamps"];

    /// <summary>The four-character id of a section as a little-endian integer.</summary>
    public static uint IdOf(int section) =>
        (uint)(Ids[section][0] | (Ids[section][1] << 8) | (Ids[section][2] << 16) | (Ids[section][3] << 24));

    /// <summary>A section's id and meaning, for messages: <c>VALS (rating values)</c>.</summary>
    public static string Describe(int section) => $"{Ids[section]} ({Names[section]})";
}
