using System.Buffers.Binary;
using System.IO.Hashing;
using System.Reflection;
using System.Text;
using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>
/// Writes a version 3 file: magic, version, kind, the section table (id, flags, offset, length and
/// checksum of each), the sections one after another, and a checksum of every byte before it.
/// </summary>
internal static class ModelFileWriter
{
    public const uint Magic = 0x4C444D46; // the bytes "FMDL" read as a little-endian integer
    public const int Version = 3;
    public const int TableEntryLength = 32;
    public const int ChecksumLength = sizeof(ulong);

    public static void Write(IModelCodec codec, IScoringModel model, ModelFileContents contents, Stream stream)
    {
        if (contents.SeenItems is { } seen && (seen.UserCount != model.Users.Count || seen.ItemCount != model.Items.Count))
        {
            throw new ArgumentException(
                $"The seen items are for {seen.UserCount} users and {seen.ItemCount} items, but the model has {model.Users.Count} and {model.Items.Count}; "
                + "make them with SeenItems.FromRatings and the model's Users and Items.",
                nameof(contents));
        }

        using var payload = new MemoryStream();
        var writer = new ModelWriter(payload);
        codec.Write(model, writer);
        writer.Flush();

        var training = new SectionWriter();
        TrainingSection.Write(training, contents, LibraryVersion, DateTimeOffset.UtcNow);
        SectionWriter? seenSection = null;
        if (contents.SeenItems is not null)
        {
            seenSection = new SectionWriter();
            SeenItemsSection.Write(seenSection, contents.SeenItems);
        }

        var sections = new List<(uint Id, uint Flags, ReadOnlyMemory<byte> Bytes)>
        {
            (SectionId.Model, SectionId.RequiredFlag, payload.GetBuffer().AsMemory(0, (int)payload.Length)),
            (SectionId.Training, 0, training.WrittenSpan.ToArray()),
        };
        if (seenSection is not null)
        {
            sections.Add((SectionId.SeenItems, 0, seenSection.WrittenSpan.ToArray()));
        }

        var header = new MemoryStream();
        using (var w = new BinaryWriter(header, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(codec.Kind);
            w.Write(sections.Count);
            long offset = header.Length + (sections.Count * TableEntryLength);
            foreach ((uint id, uint flags, ReadOnlyMemory<byte> bytes) in sections)
            {
                w.Write(id);
                w.Write(flags);
                w.Write(offset);
                w.Write((long)bytes.Length);
                w.Write(XxHash3.HashToUInt64(bytes.Span));
                offset += bytes.Length;
            }
        }

        var checksum = new XxHash3();
        ReadOnlySpan<byte> headerBytes = header.GetBuffer().AsSpan(0, (int)header.Length);
        checksum.Append(headerBytes);
        stream.Write(headerBytes);
        foreach ((_, _, ReadOnlyMemory<byte> bytes) in sections)
        {
            checksum.Append(bytes.Span);
            stream.Write(bytes.Span);
        }

        Span<byte> hash = stackalloc byte[ChecksumLength];
        BinaryPrimitives.WriteUInt64LittleEndian(hash, checksum.GetCurrentHashAsUInt64());
        stream.Write(hash);
    }

    /// <summary>The library's informational version, as the file records who wrote it.</summary>
    private static string LibraryVersion { get; } =
        typeof(ModelFileWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ModelFileWriter).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
