using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>Saves a <see cref="MatrixFactorizationModel"/>: clipping, domain, P, Q.</summary>
internal sealed class MatrixFactorizationCodec : ModelCodec<MatrixFactorizationModel>
{
    public override string Kind => "matrix-factorization";

    public override void Write(MatrixFactorizationModel model, ModelWriter writer)
    {
        writer.Write(model.ClipsPredictions);
        writer.Write(model.Domain);
        writer.Write(model.UserFactors);
        writer.Write(model.ItemFactors);
    }

    public override MatrixFactorizationModel Read(ModelReader reader)
    {
        bool clip = reader.ReadBoolean();
        TrainingDomain domain = reader.ReadDomain();
        FactorMatrix p = reader.ReadMatrix();
        FactorMatrix q = reader.ReadMatrix();
        return new MatrixFactorizationModel(domain, p, q, clip);
    }
}
