namespace MatrixFactorization.Data;

/// <summary>The errors a snapshot read can end in, each naming the file, what is wrong and what to do.</summary>
internal sealed class SnapshotErrors(string source)
{
    private const string Remake = "convert the ratings again (RatingSnapshot.Write or 'mf data convert')";

    public RatingFormatException NotSnapshot() => new(
        "not a rating snapshot (wrong magic number)",
        source,
        hint: $"Read rating text with RatingReader.Read; make a snapshot from it with RatingSnapshot.Write or 'mf data convert'.");

    public RatingFormatException Newer(int version) => new(
        $"the rating snapshot is version {version}, newer than version {SnapshotLayout.Version}, the newest this library reads",
        source,
        hint: $"Update the library to one that reads version {version}, or {Remake} with this one.");

    /// <summary>The bytes are not what was written: a checksum or the file's length says so.</summary>
    public RatingFormatException Damaged(string problem) => new(
        $"the rating snapshot is damaged: {problem}",
        source,
        hint: $"Restore a good copy, or {Remake}.");

    /// <summary>The checksums hold, but what they cover breaks a rule of the format: a faulty writer made it.</summary>
    public RatingFormatException Invalid(string problem) => new(
        $"the rating snapshot is invalid: {problem}",
        source,
        hint: $"The file was not written by this library's RatingSnapshot.Write or was damaged; {Remake}.");
}
