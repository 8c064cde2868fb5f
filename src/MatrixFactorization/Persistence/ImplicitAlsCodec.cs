using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>Saves an <see cref="ImplicitAlsModel"/>: domain, objective, X, Y and the cold-start vector.</summary>
internal sealed class ImplicitAlsCodec : ModelCodec<ImplicitAlsModel>
{
    public override string Kind => "implicit-als";

    public override void Write(ImplicitAlsModel model, ModelWriter writer)
    {
        writer.Write(model.Domain);
        ImplicitObjective objective = model.Objective;
        writer.Write(objective.InteractionThreshold);
        writer.Write((int)objective.Scaling);
        writer.Write(objective.Alpha);
        writer.Write(objective.Epsilon);
        writer.Write(objective.Regularization);
        writer.Write(model.UserFactors);
        writer.Write(model.ItemFactors);
        writer.Write(model.ColdStartVector);
    }

    public override ImplicitAlsModel Read(ModelReader reader)
    {
        TrainingDomain domain = reader.ReadDomain();
        var objective = new ImplicitObjective
        {
            InteractionThreshold = reader.ReadSingle(),
            Scaling = (ConfidenceScaling)reader.ReadInt32(),
            Alpha = reader.ReadSingle(),
            Epsilon = reader.ReadSingle(),
            Regularization = reader.ReadSingle(),
        };
        FactorMatrix x = reader.ReadMatrix();
        FactorMatrix y = reader.ReadMatrix();
        float[] coldStart = reader.ReadFloats();
        return new ImplicitAlsModel(domain, x, y, objective, coldStart);
    }
}
