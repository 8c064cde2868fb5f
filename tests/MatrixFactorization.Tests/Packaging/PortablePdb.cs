using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json;

namespace MatrixFactorization.Tests.Packaging;

/// <summary>The parts of a portable pdb a debugger uses to find it and its sources.</summary>
internal sealed class PortablePdb
{
    // The custom debug information kind the compiler stores the source link JSON under.
    private static readonly Guid s_sourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    private readonly Dictionary<string, string> _links;

    private PortablePdb(byte[] id, string[] documents, Dictionary<string, string> links)
    {
        Id = id;
        Documents = documents;
        _links = links;
    }

    /// <summary>The pdb id (a guid and a stamp) the assembly's debug directory names.</summary>
    public byte[] Id { get; }

    /// <summary>The source file paths as the compiler saw them.</summary>
    public string[] Documents { get; }

    public static PortablePdb Read(ZipArchive archive, string entryName)
    {
        using var pdbStream = new MemoryStream(ReadEntry(archive, entryName));
        using MetadataReaderProvider provider = MetadataReaderProvider.FromPortablePdbStream(pdbStream);
        MetadataReader reader = provider.GetMetadataReader();
        string[] documents = [.. reader.Documents.Select(h => reader.GetString(reader.GetDocument(h).Name))];
        string? json = null;
        foreach (CustomDebugInformationHandle handle in reader.CustomDebugInformation)
        {
            CustomDebugInformation information = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(information.Kind) == s_sourceLinkKind)
            {
                json = Encoding.UTF8.GetString(reader.GetBlobBytes(information.Value));
            }
        }

        json.Should().NotBeNull("the pdb carries source link");
        Dictionary<string, string> links = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(json!)!["documents"];
        return new PortablePdb([.. reader.DebugMetadataHeader!.Id], documents, links);
    }

    public static byte[] IdOfAssembly(ZipArchive archive, string entryName)
    {
        using var peStream = new MemoryStream(ReadEntry(archive, entryName));
        using var pe = new PEReader(peStream);
        DebugDirectoryEntry codeView = pe.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.CodeView);
        byte[] id = new byte[20];
        pe.ReadCodeViewDebugDirectoryData(codeView).Guid.TryWriteBytes(id);
        BitConverter.TryWriteBytes(id.AsSpan(16), codeView.Stamp);
        return id;
    }

    /// <summary>The address source link gives for a document, following its "prefix*" → "address*" rules.</summary>
    public string? SourceLinkUrl(string document)
    {
        foreach ((string pattern, string url) in _links)
        {
            string prefix = pattern.TrimEnd('*');
            if (pattern.EndsWith('*') && document.StartsWith(prefix, StringComparison.Ordinal))
            {
                return url.Replace("*", document[prefix.Length..].Replace('\\', '/'), StringComparison.Ordinal);
            }

            if (pattern == document)
            {
                return url;
            }
        }

        return null;
    }

    private static byte[] ReadEntry(ZipArchive archive, string entryName)
    {
        ZipArchiveEntry entry = archive.GetEntry(entryName) ?? throw new InvalidDataException($"{entryName} is missing.");
        using Stream stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
