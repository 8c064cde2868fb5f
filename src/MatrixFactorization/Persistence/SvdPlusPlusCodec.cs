using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>Saves an <see cref="SvdPlusPlusModel"/>: clipping, domain, the combined user rows, Q, Y, user biases, item biases.</summary>
internal sealed class SvdPlusPlusCodec : ModelCodec<SvdPlusPlusModel>
{
    public override string Kind => "svdpp";

    public override void Write(SvdPlusPlusModel model, ModelWriter writer)
    {
        writer.Write(model.ClipsPredictions);
        writer.Write(model.Domain);
        writer.Write(model.UserFactors);
        writer.Write(model.ItemFactors);
        writer.Write(model.ImplicitFactors);
        writer.Write(model.UserBiases);
        writer.Write(model.ItemBiases);
    }

    public override SvdPlusPlusModel Read(ModelReader reader)
    {
        bool clip = reader.ReadBoolean();
        TrainingDomain domain = reader.ReadDomain();
        FactorMatrix combined = reader.ReadMatrix();
        FactorMatrix q = reader.ReadMatrix();
        FactorMatrix y = reader.ReadMatrix();
        float[] userBiases = reader.ReadFloats();
        float[] itemBiases = reader.ReadFloats();
        return new SvdPlusPlusModel(domain, combined, q, y, userBiases, itemBiases, clip);
    }
}
