using System.IO.Hashing;
using System.Text;

namespace MatrixFactorization.Tests.Persistence;

/// <summary>
/// Takes version 3 model files apart and puts them together by the documented layout, written here
/// independently of the library's writer, so tests can build files the library would never write.
/// </summary>
internal static class ModelFileBytes
{
    public const uint Magic = 0x4C444D46;

    public sealed record Section(string Id, uint Flags, byte[] Bytes);

    /// <summary>The kind and the sections of a version 3 file, in file order.</summary>
    public static (string Kind, List<Section> Sections) Parse(byte[] file)
    {
        using var r = new BinaryReader(new MemoryStream(file), Encoding.UTF8);
        r.ReadUInt32().Should().Be(Magic);
        r.ReadInt32().Should().Be(3);
        string kind = r.ReadString();
        int count = r.ReadInt32();
        var sections = new List<Section>();
        for (int k = 0; k < count; k++)
        {
            string id = Encoding.ASCII.GetString(r.ReadBytes(4));
            uint flags = r.ReadUInt32();
            long offset = r.ReadInt64();
            long length = r.ReadInt64();
            ulong checksum = r.ReadUInt64();
            byte[] bytes = file.AsSpan((int)offset, (int)length).ToArray();
            XxHash3.HashToUInt64(bytes).Should().Be(checksum, $"section {id} is intact");
            sections.Add(new Section(id, flags, bytes));
        }

        return (kind, sections);
    }

    /// <summary>The offset and length of a section, from the table.</summary>
    public static (int Offset, int Length) Locate(byte[] file, string id)
    {
        using var r = new BinaryReader(new MemoryStream(file), Encoding.UTF8);
        r.ReadBytes(8);
        r.ReadString();
        int count = r.ReadInt32();
        for (int k = 0; k < count; k++)
        {
            string found = Encoding.ASCII.GetString(r.ReadBytes(4));
            r.ReadUInt32();
            long offset = r.ReadInt64();
            long length = r.ReadInt64();
            r.ReadUInt64();
            if (found == id)
            {
                return ((int)offset, (int)length);
            }
        }

        throw new InvalidOperationException($"no section {id}");
    }

    /// <summary>A version 3 file of these sections, with correct checksums; <paramref name="gap"/> extra bytes go after the table.</summary>
    public static byte[] Build(string kind, IEnumerable<Section> sections, int version = 3, int gap = 0)
    {
        Section[] list = [.. sections];
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(version);
            w.Write(kind);
            w.Write(list.Length);
            long offset = stream.Position + (list.Length * 32L) + gap;
            foreach (Section s in list)
            {
                w.Write(Encoding.ASCII.GetBytes(s.Id));
                w.Write(s.Flags);
                w.Write(offset);
                w.Write((long)s.Bytes.Length);
                w.Write(XxHash3.HashToUInt64(s.Bytes));
                offset += s.Bytes.Length;
            }

            w.Write(new byte[gap]);
            foreach (Section s in list)
            {
                w.Write(s.Bytes);
            }
        }

        return Reseal([.. stream.ToArray(), .. new byte[8]]);
    }

    /// <summary>A version 2 file of a model payload: magic, 2, kind, payload length, payload, checksum.</summary>
    public static byte[] BuildVersion2(string kind, byte[] payload)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(2);
            w.Write(kind);
            w.Write((long)payload.Length);
            w.Write(payload);
            w.Write(new byte[8]);
        }

        return Reseal(stream.ToArray());
    }

    /// <summary>Writes a fresh whole-file checksum over a changed file, so a test reaches the checks behind it.</summary>
    public static byte[] Reseal(byte[] file)
    {
        byte[] copy = (byte[])file.Clone();
        BitConverter.TryWriteBytes(copy.AsSpan(copy.Length - 8), XxHash3.HashToUInt64(copy.AsSpan(0, copy.Length - 8)));
        return copy;
    }
}
