using System.Text;
using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>
/// Saves and loads trained models in a compact little-endian binary format: a magic number and
/// version, the model kind, the training domain (id maps, known users and items, scale, mean,
/// clipping) and the parameters. A loaded model predicts bit-identically to the saved one.
/// </summary>
public static class ModelSerializer
{
    private const uint Magic = 0x4C444D46; // "FMDL" read as little-endian bytes "FMDL"
    private const int Version = 1;

    private enum ModelKind
    {
        Baseline = 1,
        MatrixFactorization = 2,
        BiasedMatrixFactorization = 3,
        Neural = 4,
    }

    /// <summary>Saves a model to a file (overwritten if it exists).</summary>
    /// <param name="model">A model of this library.</param>
    /// <param name="path">The file path.</param>
    public static void Save(IRatingModel model, string path)
    {
        using FileStream stream = File.Create(path);
        Save(model, stream);
    }

    /// <summary>Saves a model to a stream.</summary>
    /// <param name="model">A model of this library.</param>
    /// <param name="stream">A writable stream; left open.</param>
    public static void Save(IRatingModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        switch (model)
        {
            case BaselineModel baseline:
                writer.Write((int)ModelKind.Baseline);
                WriteDomain(writer, baseline);
                WriteFloats(writer, baseline.UserBiases);
                WriteFloats(writer, baseline.ItemBiases);
                break;
            case MatrixFactorizationModel mf:
                writer.Write((int)ModelKind.MatrixFactorization);
                WriteDomain(writer, mf);
                WriteMatrix(writer, mf.UserFactors);
                WriteMatrix(writer, mf.ItemFactors);
                break;
            case BiasedMatrixFactorizationModel biased:
                writer.Write((int)ModelKind.BiasedMatrixFactorization);
                WriteDomain(writer, biased);
                WriteMatrix(writer, biased.UserFactors);
                WriteMatrix(writer, biased.ItemFactors);
                WriteFloats(writer, biased.UserBiases);
                WriteFloats(writer, biased.ItemBiases);
                break;
            case NeuralModel neural:
                writer.Write((int)ModelKind.Neural);
                WriteDomain(writer, neural);
                WriteNeural(writer, neural);
                break;
            default:
                throw new ArgumentException($"Cannot save a {model.GetType().Name}: only the library's own models have a file format.", nameof(model));
        }
    }

    /// <summary>Loads a model from a file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The model; check its type for the kind.</returns>
    /// <exception cref="ModelFormatException">The file is not a model of a version this library reads.</exception>
    public static IRatingModel Load(string path)
    {
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
    /// <param name="stream">A readable stream; left open.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ModelFormatException">The data is not a model of a version this library reads.</exception>
    public static IRatingModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadUInt32() != Magic)
            {
                throw new ModelFormatException("not a model file (wrong magic number); save models with ModelSerializer.Save or 'mf train --save'.");
            }

            int version = reader.ReadInt32();
            if (version != Version)
            {
                throw new ModelFormatException($"model file version {version} is not supported; this library reads version {Version}.");
            }

            var kind = (ModelKind)reader.ReadInt32();
            switch (kind)
            {
                case ModelKind.Baseline:
                {
                    (TrainingDomain domain, bool clip) = ReadDomain(reader);
                    return new BaselineModel(domain, ReadFloats(reader), ReadFloats(reader), clip);
                }

                case ModelKind.MatrixFactorization:
                {
                    (TrainingDomain domain, bool clip) = ReadDomain(reader);
                    return new MatrixFactorizationModel(domain, ReadMatrix(reader), ReadMatrix(reader), clip);
                }

                case ModelKind.BiasedMatrixFactorization:
                {
                    (TrainingDomain domain, bool clip) = ReadDomain(reader);
                    FactorMatrix p = ReadMatrix(reader);
                    FactorMatrix q = ReadMatrix(reader);
                    return new BiasedMatrixFactorizationModel(domain, p, q, ReadFloats(reader), ReadFloats(reader), clip);
                }

                case ModelKind.Neural:
                {
                    (TrainingDomain domain, bool clip) = ReadDomain(reader);
                    return ReadNeural(reader, domain, clip);
                }

                default:
                    throw new ModelFormatException($"unknown model kind {(int)kind}.");
            }
        }
        catch (EndOfStreamException e)
        {
            throw new ModelFormatException("the model file is truncated.", e);
        }
    }

    private static void WriteNeural(BinaryWriter writer, NeuralModel model)
    {
        WriteMatrix(writer, model.UserEmbeddings);
        WriteMatrix(writer, model.ItemEmbeddings);
        writer.Write(model.HasBiases);
        if (model.HasBiases)
        {
            WriteFloats(writer, model.UserBiases);
            WriteFloats(writer, model.ItemBiases);
        }

        NeuralOutput output = model.Output;
        writer.Write(output.Mean);
        writer.Write(output.Squash);
        writer.Write(output.Low);
        writer.Write(output.High);
        ReadOnlySpan<int> widths = model.Layers.Widths;
        writer.Write(widths.Length);
        foreach (int width in widths)
        {
            writer.Write(width);
        }

        WriteFloats(writer, model.Layers.Parameters);
    }

    private static NeuralModel ReadNeural(BinaryReader reader, TrainingDomain domain, bool clip)
    {
        FactorMatrix users = ReadMatrix(reader);
        FactorMatrix items = ReadMatrix(reader);
        bool hasBiases = reader.ReadBoolean();
        float[]? userBiases = hasBiases ? ReadFloats(reader) : null;
        float[]? itemBiases = hasBiases ? ReadFloats(reader) : null;
        var output = new NeuralOutput(reader.ReadSingle(), reader.ReadBoolean(), reader.ReadSingle(), reader.ReadSingle());
        int layerCount = reader.ReadInt32();
        if (layerCount is < 2 or > 64)
        {
            throw new ModelFormatException($"implausible neural layer count {layerCount}; the file is corrupt.");
        }

        var widths = new int[layerCount];
        for (int l = 0; l < widths.Length; l++)
        {
            widths[l] = CheckCount(reader.ReadInt32());
        }

        try
        {
            return new NeuralModel(domain, users, items, userBiases, itemBiases, new NeuralLayers(widths, ReadFloats(reader)), output, clip);
        }
        catch (ArgumentException e)
        {
            throw new ModelFormatException($"inconsistent neural network shapes: {e.Message}", e);
        }
    }

    private static void WriteDomain(BinaryWriter writer, RatingModel model)
    {
        writer.Write(model.ClipsPredictions);
        writer.Write(model.GlobalMean);
        writer.Write(model.Scale.Min);
        writer.Write(model.Scale.Max);
        writer.Write(model.Scale.Step.HasValue);
        writer.Write(model.Scale.Step ?? 0f);
        WriteIds(writer, model.Users, model.IsKnownUser);
        WriteIds(writer, model.Items, model.IsKnownItem);
    }

    private static (TrainingDomain Domain, bool Clip) ReadDomain(BinaryReader reader)
    {
        bool clip = reader.ReadBoolean();
        float mean = reader.ReadSingle();
        float min = reader.ReadSingle();
        float max = reader.ReadSingle();
        bool hasStep = reader.ReadBoolean();
        float step = reader.ReadSingle();
        (IdMap users, bool[] knownUsers) = ReadIds(reader);
        (IdMap items, bool[] knownItems) = ReadIds(reader);
        return (new TrainingDomain(users, items, new RatingScale(min, max, hasStep ? step : null), mean, knownUsers, knownItems), clip);
    }

    private static void WriteIds(BinaryWriter writer, IdMap map, Func<int, bool> known)
    {
        writer.Write((int)map.Kind);
        writer.Write(map.Count);
        for (int k = 0; k < map.Count; k++)
        {
            if (map.Kind == IdKind.Integer)
            {
                writer.Write(map.GetInt64Id(k));
            }
            else
            {
                writer.Write(map.GetId(k));
            }

            writer.Write(known(k));
        }
    }

    private static (IdMap Map, bool[] Known) ReadIds(BinaryReader reader)
    {
        var kind = (IdKind)reader.ReadInt32();
        if (kind is not (IdKind.Integer or IdKind.String))
        {
            throw new ModelFormatException($"unknown id kind {(int)kind}.");
        }

        int count = CheckCount(reader.ReadInt32());
        var map = new IdMap(kind);
        var known = new bool[count];
        for (int k = 0; k < count; k++)
        {
            int index = kind == IdKind.Integer ? map.GetOrAdd(reader.ReadInt64()) : map.GetOrAdd(reader.ReadString().AsSpan());
            if (index != k)
            {
                throw new ModelFormatException($"id number {k} repeats an earlier id.");
            }

            known[k] = reader.ReadBoolean();
        }

        return (map, known);
    }

    private static void WriteMatrix(BinaryWriter writer, FactorMatrix matrix)
    {
        writer.Write(matrix.Rows);
        writer.Write(matrix.Columns);
        for (int row = 0; row < matrix.Rows; row++)
        {
            WriteFloatSpan(writer, matrix.Row(row));
        }
    }

    private static FactorMatrix ReadMatrix(BinaryReader reader)
    {
        int rows = CheckCount(reader.ReadInt32());
        int columns = CheckCount(reader.ReadInt32());
        var matrix = new FactorMatrix(rows, columns);
        for (int row = 0; row < rows; row++)
        {
            ReadFloatSpan(reader, matrix.Row(row));
        }

        return matrix;
    }

    private static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        writer.Write(values.Length);
        WriteFloatSpan(writer, values);
    }

    private static float[] ReadFloats(BinaryReader reader)
    {
        var values = new float[CheckCount(reader.ReadInt32())];
        ReadFloatSpan(reader, values);
        return values;
    }

    private static void WriteFloatSpan(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            writer.Write(value);
        }
    }

    private static void ReadFloatSpan(BinaryReader reader, Span<float> values)
    {
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = reader.ReadSingle();
        }
    }

    private static int CheckCount(int count) =>
        count is >= 0 and <= (1 << 30) ? count : throw new ModelFormatException($"implausible count {count}; the file is corrupt.");
}
