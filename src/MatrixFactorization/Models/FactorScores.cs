using MatrixFactorization.Kernels;

namespace MatrixFactorization.Models;

/// <summary>The scores <see cref="IFactorModel"/> defines, computed one item at a time, for the
/// library's factor models; rankers use the faster scan of the compact item factors instead.</summary>
internal static class FactorScores
{
    public static void ScoreItems(IFactorModel model, int user, Span<float> scores)
    {
        int count = model.Items.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(scores.Length, count, nameof(scores));
        for (int i = 0; i < count; i++)
        {
            scores[i] = Score(model, user, i);
        }
    }

    public static void ScoreItems(IFactorModel model, int user, ReadOnlySpan<int> items, Span<float> scores)
    {
        if (scores.Length != items.Length)
        {
            throw new ArgumentException($"items ({items.Length}) and scores ({scores.Length}) must have one length.", nameof(scores));
        }

        for (int k = 0; k < items.Length; k++)
        {
            scores[k] = model.IsKnownItem(items[k]) ? Score(model, user, items[k]) : float.NegativeInfinity;
        }
    }

    /// <summary>The score of a known item, adding in the order the models' predictions do, so the two agree to the bit.</summary>
    private static float Score(IFactorModel model, int user, int item)
    {
        ReadOnlySpan<float> userBiases = model.UserBiases;
        ReadOnlySpan<float> itemBiases = model.ItemBiases;
        bool known = model.IsKnownUser(user);
        ReadOnlySpan<float> vector = known ? model.UserFactors.GetRow(user) : model.ColdStartVector;
        float score = model.ScoreOffset;
        if (known && !userBiases.IsEmpty)
        {
            score += userBiases[user];
        }

        if (!itemBiases.IsEmpty)
        {
            score += itemBiases[item];
        }

        return vector.IsEmpty ? score : score + FactorKernels.Dot(vector, model.ItemFactors.GetRow(item));
    }

    /// <summary>The mean factor vector of the known users: the "average user" a model without biases ranks for cold start.</summary>
    public static float[] MeanOfKnownRows(FactorMatrix users, TrainingDomain domain)
    {
        var mean = new float[users.Columns];
        MeanOfKnownRows(users, domain, mean);
        return mean;
    }

    /// <summary>Writes the mean factor vector of the known users (zero when there is none) into <paramref name="mean"/>, summing in row order so the result is reproducible.</summary>
    public static void MeanOfKnownRows(FactorMatrix users, TrainingDomain domain, Span<float> mean)
    {
        Span<double> sum = users.Columns <= 1024 ? stackalloc double[users.Columns] : new double[users.Columns];
        sum.Clear();
        int known = 0;
        for (int u = 0; u < users.Rows; u++)
        {
            if (!domain.IsKnownUser(u))
            {
                continue;
            }

            known++;
            ReadOnlySpan<float> row = users.GetRow(u);
            for (int f = 0; f < sum.Length; f++)
            {
                sum[f] += row[f];
            }
        }

        for (int f = 0; f < sum.Length; f++)
        {
            mean[f] = known == 0 ? 0f : (float)(sum[f] / known);
        }
    }
}
