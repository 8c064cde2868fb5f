using System.Buffers.Binary;
using System.IO.Hashing;
using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>
/// Reads a whole model file held in memory, of any version this library reads. A version 3 file is
/// believed only after its checksums: each section's, then the whole file's; when one fails, the
/// message names the section it can, and a size is always checked against the file before use.
/// </summary>
internal static class ModelFileReader
{
    private const int MaxSections = 1024;

    public static ModelFile Read(byte[] bytes, Func<string, IModelCodec?> codecs, Func<int, string?> version1Kinds)
    {
        if (bytes.Length < 8 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != ModelFileWriter.Magic)
        {
            throw new ModelFormatException("not a model file (wrong magic number); save models with ModelSerializer.Save or 'mf train --save'.");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4));
        return version switch
        {
            1 => ReadVersion1(bytes, codecs, version1Kinds),
            2 => ReadVersion2(bytes, codecs),
            ModelFileWriter.Version => ReadVersion3(bytes, codecs),
            _ => throw new ModelFormatException(
                $"model file version {version} is not supported; this library reads versions 1 to {ModelFileWriter.Version}. "
                + $"A newer library wrote it: update this one to read version {version}."),
        };
    }

    private static ModelFile ReadVersion3(byte[] bytes, Func<string, IModelCodec?> codecs)
    {
        if (bytes.Length < 8 + ModelFileWriter.ChecksumLength)
        {
            throw new ModelFormatException("the model file is truncated: it ends inside its header.");
        }

        int end = bytes.Length - ModelFileWriter.ChecksumLength;
        bool intact = XxHash3.HashToUInt64(bytes.AsSpan(0, end)) == BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(end));
        string kind;
        List<(uint Id, uint Flags, int Offset, int Length, ulong Checksum)> table;
        try
        {
            (kind, table) = ReadTable(bytes, end);
        }
        catch (ModelFormatException e) when (!intact)
        {
            throw new ModelFormatException(
                $"the checksum does not match: the file is damaged or truncated ({e.Message.TrimEnd('.')}); save the model again or restore a good copy.", e);
        }

        foreach (var section in table)
        {
            if (XxHash3.HashToUInt64(bytes.AsSpan(section.Offset, section.Length)) != section.Checksum)
            {
                throw new ModelFormatException(
                    $"the checksum of section {SectionId.Describe(section.Id)} (bytes {section.Offset} to {section.Offset + section.Length}) does not match: "
                    + "the file is damaged; save the model again or restore a good copy.");
            }
        }

        if (!intact)
        {
            throw new ModelFormatException("the checksum does not match although every section's does: the file's header is damaged; save the model again or restore a good copy.");
        }

        IModelCodec codec = codecs(kind) ?? throw UnknownKind(kind);
        var model = table.Single(s => s.Id == SectionId.Model);
        IScoringModel read = ReadPayload(codec, bytes, model.Offset, model.Length);
        var sections = new List<ModelFileSection>();
        ModelSetting[] options = [];
        TrainingSummary? summary = null;
        SeenItems? seen = null;
        string? libraryVersion = null;
        DateTimeOffset? savedAt = null;
        foreach (var section in table)
        {
            bool known = section.Id == SectionId.Model || section.Id == SectionId.Training || section.Id == SectionId.SeenItems;
            sections.Add(new ModelFileSection(SectionId.ToText(section.Id), section.Offset, section.Length, section.Checksum, known));
            var reader = new SectionReader(bytes.AsSpan(section.Offset, section.Length), SectionId.Describe(section.Id));
            if (section.Id == SectionId.Training)
            {
                (libraryVersion, DateTimeOffset at, options, summary) = TrainingSection.Read(reader);
                savedAt = at;
            }
            else if (section.Id == SectionId.SeenItems)
            {
                seen = SeenItemsSection.Read(reader, read.Users.Count, read.Items.Count);
            }
        }

        return new ModelFile(read, ModelFileWriter.Version, kind, bytes.Length, sections)
        {
            TrainingOptions = options,
            TrainingSummary = summary,
            SeenItems = seen,
            LibraryVersion = libraryVersion,
            SavedAt = savedAt,
        };
    }

    /// <summary>The kind and the section table, every entry checked against the file's size and the others.</summary>
    private static (string Kind, List<(uint Id, uint Flags, int Offset, int Length, ulong Checksum)> Table) ReadTable(byte[] bytes, int end)
    {
        var header = new SectionReader(bytes.AsSpan(8, end - 8), "header");
        string kind = header.ReadString();
        int count = header.ReadInt32();
        if (count is < 1 or > MaxSections || (long)count * ModelFileWriter.TableEntryLength > header.Remaining)
        {
            throw header.Corrupt($"a table of {count} sections does not fit in the {header.Remaining} bytes left");
        }

        var table = new List<(uint, uint, int, int, ulong)>(count);
        long next = 8 + (end - 8 - header.Remaining) + ((long)count * ModelFileWriter.TableEntryLength);
        for (int k = 0; k < count; k++)
        {
            uint id = (uint)header.ReadInt32();
            uint flags = (uint)header.ReadInt32();
            long offset = header.ReadInt64();
            long length = header.ReadInt64();
            ulong checksum = (ulong)header.ReadInt64();
            string name = SectionId.Describe(id);
            if (offset != next || length < 0 || length > end - offset)
            {
                throw new ModelFormatException(
                    $"section {name} is listed at bytes {offset} to {offset + length}, but the sections must follow one another from byte {next} to the checksum at byte {end}.");
            }

            if (table.Exists(s => s.Item1 == id))
            {
                throw new ModelFormatException($"section {name} appears twice.");
            }

            bool known = id == SectionId.Model || id == SectionId.Training || id == SectionId.SeenItems;
            if (!known && (flags & SectionId.RequiredFlag) != 0)
            {
                throw new ModelFormatException($"section {name} is required to read the file, but this library does not know it; a newer library wrote the file.");
            }

            table.Add((id, flags, (int)offset, (int)length, checksum));
            next = offset + length;
        }

        if (next != end)
        {
            throw new ModelFormatException($"the sections end at byte {next}, but the checksum is at byte {end}: {end - next} bytes are unaccounted for.");
        }

        if (!table.Exists(s => s.Item1 == SectionId.Model))
        {
            throw new ModelFormatException("the file has no model section (MODL).");
        }

        return (kind, table);
    }

    private static ModelFile ReadVersion2(byte[] bytes, Func<string, IModelCodec?> codecs)
    {
        if (bytes.Length < 8 + ModelFileWriter.ChecksumLength)
        {
            throw new ModelFormatException("the model file is truncated.");
        }

        int end = bytes.Length - ModelFileWriter.ChecksumLength;
        ulong stored = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(end));
        if (XxHash3.HashToUInt64(bytes.AsSpan(0, end)) != stored)
        {
            throw new ModelFormatException("the checksum does not match: the file is damaged or truncated; save the model again or restore a good copy.");
        }

        var header = new SectionReader(bytes.AsSpan(8, end - 8), "header");
        string kind = header.ReadString();
        long length = header.ReadInt64();
        int start = end - header.Remaining;
        if (length != header.Remaining)
        {
            throw new ModelFormatException($"the payload length {length} does not match the {header.Remaining} bytes the file holds for it.");
        }

        IModelCodec codec = codecs(kind) ?? throw UnknownKind(kind);
        IScoringModel model = ReadPayload(codec, bytes, start, (int)length);
        return new ModelFile(model, 2, kind, bytes.Length, [new ModelFileSection("MODL", start, length, null, true)]);
    }

    private static ModelFile ReadVersion1(byte[] bytes, Func<string, IModelCodec?> codecs, Func<int, string?> version1Kinds)
    {
        if (bytes.Length < 12)
        {
            throw new ModelFormatException("the model file is truncated.");
        }

        int number = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        string kind = version1Kinds(number) ?? throw new ModelFormatException($"unknown model kind {number}.");

        // Version 1 had no payload length: the payload runs to the end, and may be read short.
        using var memory = new MemoryStream(bytes, 12, bytes.Length - 12, writable: false);
        IScoringModel model = ReadCodec(codecs(kind)!, new ModelReader(memory, memory.Length));
        return new ModelFile(model, 1, kind, bytes.Length, [new ModelFileSection("MODL", 12, bytes.Length - 12, null, true)]);
    }

    private static IScoringModel ReadPayload(IModelCodec codec, byte[] bytes, int offset, int length)
    {
        using var memory = new MemoryStream(bytes, offset, length, writable: false);
        IScoringModel model = ReadCodec(codec, new ModelReader(memory, length));
        if (memory.Position != length)
        {
            throw new ModelFormatException($"the '{codec.Kind}' payload is {length} bytes but its reader used {memory.Position}; the file is corrupt.");
        }

        return model;
    }

    private static IScoringModel ReadCodec(IModelCodec codec, ModelReader reader)
    {
        try
        {
            return codec.Read(reader);
        }
        catch (ArgumentException e)
        {
            // A model's constructor refused the parameters: their shapes do not fit together.
            throw new ModelFormatException($"the '{codec.Kind}' model is inconsistent: {e.Message}", e);
        }
    }

    private static ModelFormatException UnknownKind(string kind) =>
        new($"unknown model kind '{kind}'; register its codec with {nameof(ModelSerializer)}.{nameof(ModelSerializer.Register)} before loading.");
}
