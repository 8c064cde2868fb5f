using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>Saves a <see cref="BiasedMatrixFactorizationModel"/>: clipping, domain, P, Q, user biases, item biases.</summary>
internal sealed class BiasedMatrixFactorizationCodec : ModelCodec<BiasedMatrixFactorizationModel>
{
    public override string Kind => "biased-matrix-factorization";

    public override void Write(BiasedMatrixFactorizationModel model, ModelWriter writer)
    {
        writer.Write(model.ClipsPredictions);
        writer.Write(model.Domain);
        writer.Write(model.UserFactors);
        writer.Write(model.ItemFactors);
        writer.Write(model.UserBiases);
        writer.Write(model.ItemBiases);
    }

    public override BiasedMatrixFactorizationModel Read(ModelReader reader)
    {
        bool clip = reader.ReadBoolean();
        TrainingDomain domain = reader.ReadDomain();
        FactorMatrix p = reader.ReadMatrix();
        FactorMatrix q = reader.ReadMatrix();
        float[] userBiases = reader.ReadFloats();
        float[] itemBiases = reader.ReadFloats();
        return new BiasedMatrixFactorizationModel(domain, p, q, userBiases, itemBiases, clip);
    }
}
