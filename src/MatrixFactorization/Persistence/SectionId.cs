using System.Buffers.Binary;
using System.Text;

namespace MatrixFactorization.Persistence;

/// <summary>The four-character ids of the sections of a version 3 file, stored as their ASCII bytes.</summary>
internal static class SectionId
{
    public static readonly uint Model = FromText("MODL");
    public static readonly uint Training = FromText("TRNG");
    public static readonly uint SeenItems = FromText("SEEN");

    /// <summary>A section a reader must understand to read the file; one it does not know and that lacks this flag is skipped.</summary>
    public const uint RequiredFlag = 1;

    public static uint FromText(string id) => BinaryPrimitives.ReadUInt32LittleEndian(Encoding.ASCII.GetBytes(id));

    public static string ToText(uint id)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, id);
        foreach (byte b in bytes)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return $"0x{id:X8}";
            }
        }

        return Encoding.ASCII.GetString(bytes);
    }

    /// <summary>The section's name in messages: its id and, for the known ones, what it holds.</summary>
    public static string Describe(uint id) =>
        id == Model ? "MODL (model)" : id == Training ? "TRNG (training)" : id == SeenItems ? "SEEN (seen items)" : ToText(id);
}
