using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>
/// Saves a <see cref="NeuralModel"/>: clipping, domain, user and item embeddings, optional biases,
/// the output transform, the layer widths and the layers' parameters.
/// </summary>
internal sealed class NeuralCodec : ModelCodec<NeuralModel>
{
    private const int MaxLayers = 64;

    public override string Kind => "neural";

    public override void Write(NeuralModel model, ModelWriter writer)
    {
        writer.Write(model.ClipsPredictions);
        writer.Write(model.Domain);
        writer.Write(model.UserEmbeddings);
        writer.Write(model.ItemEmbeddings);
        writer.Write(model.HasBiases);
        if (model.HasBiases)
        {
            writer.Write(model.UserBiases);
            writer.Write(model.ItemBiases);
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

        writer.Write(model.Layers.Parameters);
    }

    public override NeuralModel Read(ModelReader reader)
    {
        bool clip = reader.ReadBoolean();
        TrainingDomain domain = reader.ReadDomain();
        FactorMatrix users = reader.ReadMatrix();
        FactorMatrix items = reader.ReadMatrix();
        bool hasBiases = reader.ReadBoolean();
        float[]? userBiases = hasBiases ? reader.ReadFloats() : null;
        float[]? itemBiases = hasBiases ? reader.ReadFloats() : null;
        var output = new NeuralOutput(reader.ReadSingle(), reader.ReadBoolean(), reader.ReadSingle(), reader.ReadSingle());
        int layerCount = reader.ReadInt32();
        if (layerCount is < 2 or > MaxLayers)
        {
            throw new ModelFormatException($"implausible neural layer count {layerCount}; the file is corrupt.");
        }

        var widths = new int[layerCount];
        for (int l = 0; l < widths.Length; l++)
        {
            widths[l] = reader.ReadInt32();
            if (widths[l] is < 1 or > (1 << 20))
            {
                throw new ModelFormatException($"implausible neural layer width {widths[l]}; the file is corrupt.");
            }
        }

        return new NeuralModel(domain, users, items, userBiases, itemBiases, new NeuralLayers(widths, reader.ReadFloats()), output, clip);
    }
}
