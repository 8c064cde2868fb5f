using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>Saves a <see cref="BaselineModel"/>: clipping, domain, user biases, item biases.</summary>
internal sealed class BaselineCodec : ModelCodec<BaselineModel>
{
    public override string Kind => "baseline";

    public override void Write(BaselineModel model, ModelWriter writer)
    {
        writer.Write(model.ClipsPredictions);
        writer.Write(model.Domain);
        writer.Write(model.UserBiases);
        writer.Write(model.ItemBiases);
    }

    public override BaselineModel Read(ModelReader reader)
    {
        bool clip = reader.ReadBoolean();
        TrainingDomain domain = reader.ReadDomain();
        return new BaselineModel(domain, reader.ReadFloats(), reader.ReadFloats(), clip);
    }
}
