using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using MatrixFactorization.Tests.Persistence;

namespace MatrixFactorization.Tests.Fuzz;

/// <summary>
/// Checksum repair for damaged model files, so damage reaches the codecs behind the checks, and
/// version 2 copies of version 3 files. Written from the documented layout, not the library's code.
/// </summary>
internal static class ModelFiles
{
    /// <summary>Version 2 files of the model payloads of the version 3 files among these.</summary>
    public static IEnumerable<byte[]> Version2Copies(IEnumerable<byte[]> files)
    {
        foreach (byte[] file in files.Where(f => f.Length > 8 && BitConverter.ToInt32(f, 4) == 3))
        {
            (string kind, List<ModelFileBytes.Section> sections) = ModelFileBytes.Parse(file);
            yield return ModelFileBytes.BuildVersion2(kind, sections.Single(s => s.Id == "MODL").Bytes);
        }
    }

    /// <summary>
    /// Rewrites every section checksum whose section lies inside the file, then the whole file's;
    /// a table too damaged to walk is left as it is, and a version 1 file has no checksums.
    /// </summary>
    public static byte[] Reseal(byte[] file)
    {
        if (file.Length < 16)
        {
            return file;
        }

        byte[] copy = (byte[])file.Clone();
        int version = BinaryPrimitives.ReadInt32LittleEndian(copy.AsSpan(4));
        if (version == 3)
        {
            ResealSections(copy);
        }

        if (version is 2 or 3)
        {
            int end = copy.Length - 8;
            BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(end), XxHash3.HashToUInt64(copy.AsSpan(0, end)));
        }

        return copy;
    }

    private static void ResealSections(byte[] file)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(file), Encoding.UTF8);
            reader.ReadBytes(8);
            reader.ReadString();
            int count = reader.ReadInt32();
            for (int k = 0; k < count && reader.BaseStream.Position + 32 <= file.Length; k++)
            {
                reader.ReadBytes(8);
                long offset = reader.ReadInt64();
                long length = reader.ReadInt64();
                long at = reader.BaseStream.Position;
                if (offset >= 0 && length >= 0 && offset <= file.Length - 8 && length <= file.Length - 8 - offset)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan((int)at), XxHash3.HashToUInt64(file.AsSpan((int)offset, (int)length)));
                }

                reader.ReadUInt64();
            }
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException)
        {
            // The table is too damaged to walk: the sections keep their checksums.
        }
    }
}
