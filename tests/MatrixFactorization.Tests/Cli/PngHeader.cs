using System.Buffers.Binary;

namespace MatrixFactorization.Tests.Cli;

/// <summary>Reads a PNG file's signature and the size its IHDR chunk declares (PNG specification, sections 5.2 and 11.2.2).</summary>
internal static class PngHeader
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The width and height of a PNG file, or null when it does not start as a PNG file must.</summary>
    public static (int Width, int Height)? Size(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);

        // Signature, then the first chunk: length 13, type IHDR, width, height (big-endian).
        if (bytes.Length < 33 || !bytes.AsSpan(0, 8).SequenceEqual(Signature)
            || BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)) != 13
            || !bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
