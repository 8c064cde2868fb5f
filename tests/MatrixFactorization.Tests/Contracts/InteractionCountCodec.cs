using MatrixFactorization.Models;
using MatrixFactorization.Persistence;

namespace MatrixFactorization.Tests.Contracts;

/// <summary>Saves an <see cref="InteractionCountModel"/> through the public codec contract.</summary>
internal sealed class InteractionCountCodec : ModelCodec<InteractionCountModel>
{
    public override string Kind => "test-interaction-count";

    public override void Write(InteractionCountModel model, ModelWriter writer)
    {
        writer.Write(model.Domain);
        writer.Write(model.Counts);
    }

    public override InteractionCountModel Read(ModelReader reader)
    {
        TrainingDomain domain = reader.ReadDomain();
        float[] counts = reader.ReadFloats();
        if (counts.Length != domain.Items.Count)
        {
            throw new ModelFormatException($"{counts.Length} counts for {domain.Items.Count} items.");
        }

        return new InteractionCountModel(domain, counts);
    }
}
