using System.Collections.Concurrent;
using MatrixFactorization.Foundation;
using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>
/// Saves and loads models in a compact little-endian binary format. Each kind of model writes and
/// reads its own payload through a registered <see cref="IModelCodec"/>; the library's models
/// are registered from the start, and <see cref="Register"/> adds your own. A loaded model predicts
/// bit-identically to the saved one.
/// </summary>
/// <remarks>
/// Version 3 files hold the magic number, the version, the kind tag, a table of sections (each
/// with its own XXH3 checksum) and an XXH3 checksum of the whole file; the sections are the model's
/// payload, the training options and summary, and optionally each user's seen items. The layout is
/// in docs/file-formats.md. Files of versions 1 and 2 still load.
/// </remarks>
public static class ModelSerializer
{
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
        Register(new SvdPlusPlusCodec());
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
    /// Saves a model to a file, with the library version and the save time but no training options,
    /// summary or seen items. The file is written beside the target under a temporary name and then
    /// renamed over it, so the target holds the old model or the new one, never a part.
    /// </summary>
    /// <param name="model">A model whose type has a registered codec.</param>
    /// <param name="path">The file path.</param>
    /// <exception cref="NotSupportedException">No codec is registered for the model's type.</exception>
    public static void Save(IScoringModel model, string path) => Save(model, path, new ModelFileContents());

    /// <summary>
    /// Saves a model to a file with what is stored beside it: training options, summary and seen
    /// items. Written atomically, like <see cref="Save(IScoringModel, string)"/>.
    /// </summary>
    /// <param name="model">A model whose type has a registered codec.</param>
    /// <param name="path">The file path.</param>
    /// <param name="contents">What to store beside the model.</param>
    /// <exception cref="NotSupportedException">No codec is registered for the model's type.</exception>
    /// <exception cref="ArgumentException">The seen items do not have the model's user and item counts.</exception>
    public static void Save(IScoringModel model, string path, ModelFileContents contents)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(contents);
        IModelCodec codec = CodecFor(model);
        AtomicFile.Write(path, bufferSize: 1 << 16, stream => ModelFileWriter.Write(codec, model, contents, stream));
    }

    /// <summary>Saves a model to a stream, with the library version and the save time.</summary>
    /// <param name="model">A model whose type has a registered codec.</param>
    /// <param name="stream">A writable stream; left open.</param>
    /// <exception cref="NotSupportedException">No codec is registered for the model's type.</exception>
    public static void Save(IScoringModel model, Stream stream) => Save(model, stream, new ModelFileContents());

    /// <summary>Saves a model to a stream with what is stored beside it.</summary>
    /// <param name="model">A model whose type has a registered codec.</param>
    /// <param name="stream">A writable stream; left open.</param>
    /// <param name="contents">What to store beside the model.</param>
    /// <exception cref="NotSupportedException">No codec is registered for the model's type.</exception>
    /// <exception cref="ArgumentException">The seen items do not have the model's user and item counts.</exception>
    public static void Save(IScoringModel model, Stream stream, ModelFileContents contents)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(contents);
        ModelFileWriter.Write(CodecFor(model), model, contents, stream);
    }

    /// <summary>Loads a model from a file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The model; test it for <see cref="IRatingModel"/>, <see cref="IFactorModel"/> or its class.</returns>
    /// <exception cref="ModelFormatException">The file is not a model of a version and kind this library reads, or is damaged; the message names the file.</exception>
    public static IScoringModel Load(string path) => Open(path).Model;

    /// <summary>Loads a model from a stream.</summary>
    /// <param name="stream">A readable stream, read from its position to its end; left open.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ModelFormatException">The data is not a model of a version and kind this library reads, or is damaged.</exception>
    public static IScoringModel Load(Stream stream) => Open(stream).Model;

    /// <summary>
    /// Opens a model file: the model, and the training options, summary and seen items stored
    /// beside it. Every checksum is verified before anything is believed.
    /// </summary>
    /// <param name="path">The file path.</param>
    /// <returns>The opened file.</returns>
    /// <exception cref="ModelFormatException">The file is not a model of a version and kind this library reads, or is damaged; the message names the file and, when it can, the damaged section.</exception>
    public static ModelFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        try
        {
            return Open(stream);
        }
        catch (ModelFormatException e)
        {
            throw new ModelFormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Opens a model file from a stream, read from its position to its end.</summary>
    /// <param name="stream">A readable stream; left open.</param>
    /// <returns>The opened file.</returns>
    /// <exception cref="ModelFormatException">The data is not a model of a version and kind this library reads, or is damaged.</exception>
    public static ModelFile Open(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);

        // The whole file is read first: its checksums are verified before any of it is believed,
        // and every size inside it is then checked against the bytes there are.
        byte[] bytes = ReadToEnd(stream);
        try
        {
            return ModelFileReader.Read(bytes, kind => s_byKind.GetValueOrDefault(kind), Version1Kind);
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

    private static string? Version1Kind(int number) =>
        number >= 1 && number < s_version1Kinds.Length ? s_version1Kinds[number] : null;
}
