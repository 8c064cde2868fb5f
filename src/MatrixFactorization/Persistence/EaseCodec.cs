using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>
/// Saves an <see cref="EaseModel"/>: λ, weighting, domain, the entry count, each user's item count
/// and items (ascending), the entries, then the weights B. The users' score rows are not saved:
/// loading recomputes them from B.
/// </summary>
internal sealed class EaseCodec : ModelCodec<EaseModel>
{
    public override string Kind => "ease";

    public override void Write(EaseModel model, ModelWriter writer)
    {
        writer.Write(model.Lambda);
        writer.Write((int)model.Weighting);
        writer.Write(model.Domain);
        InteractionMatrix interactions = model.Interactions;
        writer.Write(interactions.Count);
        for (int u = 0; u < interactions.RowCount; u++)
        {
            ReadOnlySpan<int> items = interactions.Row(u);
            writer.Write(items.Length);
            foreach (int item in items)
            {
                writer.Write(item);
            }
        }

        writer.Write(interactions.Values);
        writer.Write(model.Weights);
    }

    public override EaseModel Read(ModelReader reader)
    {
        float lambda = reader.ReadSingle();
        var weighting = (InteractionWeighting)reader.ReadInt32();
        if (!Enum.IsDefined(weighting))
        {
            throw new ModelFormatException($"unknown interaction weighting {(int)weighting}.");
        }

        TrainingDomain domain = reader.ReadDomain();
        int count = reader.ReadCount(sizeof(int));
        int users = domain.Users.Count;
        var offsets = new int[users + 1];
        var items = new int[count];
        for (int u = 0; u < users; u++)
        {
            int length = reader.ReadInt32();
            if (length < 0 || length > count - offsets[u])
            {
                throw new ModelFormatException($"user {u} claims {length} items, more than the {count - offsets[u]} left; the file is corrupt.");
            }

            offsets[u + 1] = offsets[u] + length;
            for (int k = offsets[u]; k < offsets[u + 1]; k++)
            {
                items[k] = reader.ReadInt32();
            }
        }

        float[] entries = reader.ReadFloats();
        FactorMatrix weights = reader.ReadMatrix();
        var model = new EaseModel(domain, new InteractionMatrix(offsets, items, entries, domain.Items.Count), weights, lambda, weighting);
        // A load allocates in proportion to the file: beyond B's size, cached rows may take 16
        // floats per stored interaction (8 file bytes). The rows only save summing rows of B, which
        // costs little for users with few interactions, and score the same to the bit.
        model.PrecomputeUserScores(Environment.ProcessorCount, Math.Min(EaseModel.UserScoreBudget, 16L * count));
        return model;
    }
}
