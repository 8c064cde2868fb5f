using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
using MatrixFactorization.Foundation;
using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>
/// Saves and loads models in a compact little-endian binary format. Each kind of model writes and
/// reads its own payload through a registered <see cref="IModelCodec"/>; the library's own models
/// reads its own payload through a registered <see cref="IModelCodec"/>; the library's models
/// are registered from the start, and <see cref="Register"/> adds your own. A loaded model predicts
/// bit-identically to the saved one.
/// </summary>
/// <remarks>
/// Version 2 files hold the magic number, the version, the kind tag, the payload length, the
/// payload and an XXH3 checksum of all of it, checked before anything is read; the layout is in
/// docs/file-formats.md. Version 1 files (an integer kind, no checksum) still load.
/// </remarks>
public static class ModelSerializer
{
    private const uint Magic = 0x4C444D46; // the bytes "FMDL" read as a little-endian integer
    private const int Version = 2;
    private const int ChecksumLength = sizeof(ulong);

    private static readonly ConcurrentDictionary<string, IModelCodec> s_byKind = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Type, IModelCodec> s_byType = new();
    private static readonly Lock s_registration = new();

    // Version 1 named the library's four kinds by number.
    private static readonly string[] s_version1Kinds = ["", "baseline", "matrix-factorization", "biased-matrix-factorization", "neural"];

    static ModelSerializer()
    {
        Register(new BaselineCodec());
        Register(new MatrixFactorizationCodec());
        Register(new BiasedMatrixFactorizationCodec());
        Register(new NeuralCodec());
        Register(new PopularityCodec());
        Register(new EaseCodec());
        Register(new ImplicitAlsCodec());
        Register(new BprCodec());
    }

    /// <summary>
    /// Registers a codec, so models of its type can be saved and files of its kind loaded.
    /// Registering the same codec type again for the same kind is a no-op.
    /// </summary>
    /// <param name="codec">The codec.</param>
    /// <exception cref="ArgumentException">Another codec already owns the kind or the model type.</exception>
    public static void Register(IModelCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentException.ThrowIfNullOrWhiteSpace(codec.Kind, nameof(codec));
        lock (s_registration)
        {
            bool kindTaken = s_byKind.TryGetValue(codec.Kind, out IModelCodec? byKind);
            bool typeTaken = s_byType.TryGetValue(codec.ModelType, out IModelCodec? byType);
            if (kindTaken && byKind!.GetType() == codec.GetType() && byKind.ModelType == codec.ModelType)
            {
                return;
            }

            if (kindTaken)
            {
                throw new ArgumentException($"The model kind '{codec.Kind}' is already registered by {byKind!.GetType().Name}.", nameof(codec));
            }

            if (typeTaken)
            {
                throw new ArgumentException($"{codec.ModelType.Name} is already saved by {byType!.GetType().Name} as '{byType.Kind}'.", nameof(codec));
            }

            s_byKind[codec.Kind] = codec;
            s_byType[codec.ModelType] = codec;
        }
    }

    /// <summary>Whether a model can be saved: a codec is registered for its type.</summary>
    /// <param name="model">The model.</param>
    /// <returns><see langword="true"/> when <see cref="Save(IScoringModel, Stream)"/> can write it.</returns>
    public static bool CanSave(IScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return s_byType.ContainsKey(model.GetType());
    }

    /// <summary>
    /// Saves a model to a file. The file is written beside the target under a temporary name and
    /// then renamed over it, so the target holds the old model or the new one, never a part.
    /// </summary>
    /// <param name="model">A model whose type has a registered codec.</param>
    /// <param name="path">The file path.</param>
    /// <exception cref="NotSupportedException">No codec is registered for the model's type.</exception>
    public static void Save(IScoringModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        IModelCodec codec = CodecFor(model);
        AtomicFile.Write(path, bufferSize: 4096, stream => Write(codec, model, stream));
    }

    /// <summary>Saves a model to a stream.</summary>
    /// <param name="model">A model whose type has a registered codec.</param>
    /// <param name="stream">A writable stream; left open.</param>
    /// <exception cref="NotSupportedException">No codec is registered for the model's type.</exception>
    public static void Save(IScoringModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        Write(CodecFor(model), model, stream);
    }

    /// <summary>Loads a model from a file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The model; test it for <see cref="IRatingModel"/>, <see cref="IFactorModel"/> or its class.</returns>
    /// <exception cref="ModelFormatException">The file is not a model of a version and kind this library reads; the message names the file.</exception>
    public static IScoringModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = File.OpenRead(path);
        try
        {
            return Load(stream);
        }
        catch (ModelFormatException e)
        {
            throw new ModelFormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Loads a model from a stream.</summary>
    /// <param name="stream">A readable stream, read from its position to its end; left open.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ModelFormatException">The data is not a model of a version and kind this library reads, or is damaged.</exception>
    public static IScoringModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);

        // The whole file is read first: a version 2 file is checked against its checksum before any
        // of it is believed, and every size inside it is then checked against the bytes there are.
        byte[] bytes = ReadToEnd(stream);
        using var memory = new MemoryStream(bytes, writable: false);
        using var header = new BinaryReader(memory, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (bytes.Length < 8 || header.ReadUInt32() != Magic)
            {
                throw new ModelFormatException("not a model file (wrong magic number); save models with ModelSerializer.Save or 'mf train --save'.");
            }

            int version = header.ReadInt32();
            return version switch
            {
                1 => ReadVersion1(header, memory),
                Version => ReadVersion2(header, memory, bytes),
                _ => throw new ModelFormatException($"model file version {version} is not supported; this library reads versions 1 and {Version}."),
            };
        }
        catch (EndOfStreamException e)
        {
            throw new ModelFormatException("the model file is truncated.", e);
        }
    }

    private static IModelCodec CodecFor(IScoringModel model) =>
        s_byType.TryGetValue(model.GetType(), out IModelCodec? codec)
            ? codec
            : throw new NotSupportedException(
                $"No model codec is registered for {model.GetType().Name}; register one with {nameof(ModelSerializer)}.{nameof(Register)}.");

    private static void Write(IModelCodec codec, IScoringModel model, Stream stream)
    {
        // The payload is buffered so its length can precede it: a reader then knows where the
        // payload ends before it reads it, and can refuse sizes the file cannot hold.
        using var payload = new MemoryStream();
        var writer = new ModelWriter(payload);
        codec.Write(model, writer);
        writer.Flush();
        using var header = new MemoryStream();
        using (var headerWriter = new BinaryWriter(header, Encoding.UTF8, leaveOpen: true))
        {
            headerWriter.Write(Magic);
            headerWriter.Write(Version);
            headerWriter.Write(codec.Kind);
            headerWriter.Write(payload.Length);
        }

        var checksum = new XxHash3();
        ReadOnlySpan<byte> headerBytes = header.GetBuffer().AsSpan(0, (int)header.Length);
        ReadOnlySpan<byte> payloadBytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        checksum.Append(headerBytes);
        checksum.Append(payloadBytes);
        stream.Write(headerBytes);
        stream.Write(payloadBytes);
        Span<byte> hash = stackalloc byte[ChecksumLength];
        BinaryPrimitives.WriteUInt64LittleEndian(hash, checksum.GetCurrentHashAsUInt64());
        stream.Write(hash);
    }

    private static byte[] ReadToEnd(Stream stream)
    {
        if (stream.CanSeek)
        {
            long length = stream.Length - stream.Position;
            if (length > Array.MaxLength)
            {
                throw new ModelFormatException($"the file is {length} bytes, more than a model file can be.");
            }

            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return bytes;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static IScoringModel ReadVersion1(BinaryReader header, MemoryStream stream)
    {
        int number = header.ReadInt32();
        if (number < 1 || number >= s_version1Kinds.Length)
        {
            throw new ModelFormatException($"unknown model kind {number}.");
        }

        long end = stream.CanSeek ? stream.Length : long.MaxValue;
        return ReadPayload(s_byKind[s_version1Kinds[number]], new ModelReader(stream, end));
    }

    private static IScoringModel ReadVersion2(BinaryReader header, MemoryStream memory, byte[] bytes)
    {
        if (bytes.Length < 8 + ChecksumLength)
        {
            throw new ModelFormatException("the model file is truncated.");
        }

        int end = bytes.Length - ChecksumLength;
        ulong stored = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(end));
        if (XxHash3.HashToUInt64(bytes.AsSpan(0, end)) != stored)
        {
            throw new ModelFormatException("the checksum does not match: the file is damaged or truncated; save the model again or restore a good copy.");
        }

        string kind = header.ReadString();
        long length = header.ReadInt64();
        long available = end - memory.Position;
        if (length < 0 || length != available)
        {
            throw new ModelFormatException($"the payload length {length} does not match the {available} bytes the file holds for it.");
        }

        if (!s_byKind.TryGetValue(kind, out IModelCodec? codec))
        {
            throw new ModelFormatException(
                $"unknown model kind '{kind}'; register its codec with {nameof(ModelSerializer)}.{nameof(Register)} before loading.");
        }

        long start = memory.Position;
        IScoringModel model = ReadPayload(codec, new ModelReader(memory, end));
        long read = memory.Position - start;
        if (read != length)
        {
            throw new ModelFormatException($"the '{kind}' payload is {length} bytes but its reader used {read}; the file is corrupt.");
        }

        return model;
    }

    private static IScoringModel ReadPayload(IModelCodec codec, ModelReader reader)
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
}
