using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>Saves a <see cref="BprModel"/>: domain, P, Q, item biases (empty without them).</summary>
internal sealed class BprCodec : ModelCodec<BprModel>
{
    public override string Kind => "bpr";

    public override void Write(BprModel model, ModelWriter writer)
    {
        writer.Write(model.Domain);
        writer.Write(model.UserFactors);
        writer.Write(model.ItemFactors);
        writer.Write(model.ItemBiases);
    }

    public override BprModel Read(ModelReader reader)
    {
        TrainingDomain domain = reader.ReadDomain();
        FactorMatrix p = reader.ReadMatrix();
        FactorMatrix q = reader.ReadMatrix();
        float[] itemBiases = reader.ReadFloats();
        return new BprModel(domain, p, q, itemBiases);
    }
}
