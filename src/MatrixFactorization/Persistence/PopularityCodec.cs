using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>Saves a <see cref="PopularityModel"/>: domain, then one popularity value per item.</summary>
internal sealed class PopularityCodec : ModelCodec<PopularityModel>
{
    public override string Kind => "popularity";

    public override void Write(PopularityModel model, ModelWriter writer)
    {
        writer.Write(model.Domain);
        writer.Write(model.Popularity);
    }

    public override PopularityModel Read(ModelReader reader)
    {
        TrainingDomain domain = reader.ReadDomain();
        return new PopularityModel(domain, reader.ReadFloats());
    }
}
