using System.Globalization;
using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Cli.Commands;

/// <summary>The predictions of a file's rating lines in file order, their errors and how many fell back.</summary>
internal sealed class LinePredictions
{
    private LinePredictions(float[] values)
    {
        Values = values;
    }

    public float[] Values { get; }

    public double Rmse { get; private init; }

    public double Mae { get; private init; }

    public int UnknownUser { get; private init; }

    public int UnknownItem { get; private init; }

    public int UnknownBoth { get; private init; }

    /// <summary>Predicts each line; the file's ids are looked up in the model's maps (an id it lacks gets its fallback).</summary>
    public static LinePredictions Compute(IRatingModel model, RatingStore file, FileOrder lines)
    {
        int[] users = ModelIndices(file.Users, model.Users);
        int[] items = ModelIndices(file.Items, model.Items);
        var values = new float[lines.Count];
        double squared = 0, absolute = 0;
        int unknownUser = 0, unknownItem = 0, unknownBoth = 0;
        for (int k = 0; k < values.Length; k++)
        {
            Prediction p = model.PredictByIndex(users[lines.Users[k]], items[lines.Items[k]]);
            values[k] = p.Value;
            double e = (double)p.Value - lines.Values[k];
            squared += e * e;
            absolute += Math.Abs(e);
            switch (p.Source)
            {
                case PredictionSource.UnknownUser: unknownUser++; break;
                case PredictionSource.UnknownItem: unknownItem++; break;
                case PredictionSource.UnknownUserAndItem: unknownBoth++; break;
                default: break;
            }
        }

        int n = Math.Max(values.Length, 1);
        return new LinePredictions(values)
        {
            Rmse = Math.Sqrt(squared / n),
            Mae = absolute / n,
            UnknownUser = unknownUser,
            UnknownItem = unknownItem,
            UnknownBoth = unknownBoth,
        };
    }

    /// <summary>One value a line, in the shortest text that reads back as the same float.</summary>
    public void WriteValues(TextWriter writer)
    {
        foreach (float value in Values)
        {
            writer.WriteLine(value.ToString(CultureInfo.InvariantCulture));
        }
    }

    // -1 for an id the model never saw: PredictByIndex gives such an index the fallback.
    private static int[] ModelIndices(IdMap fileIds, IdMap modelIds)
    {
        var indices = new int[fileIds.Count];
        for (int k = 0; k < indices.Length; k++)
        {
            indices[k] = modelIds.TryGetIndex(fileIds.GetId(k), out int index) ? index : -1;
        }

        return indices;
    }
}
