using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Fits a <see cref="BaselineModel"/> by alternating least squares on the biases
/// (Koren 2010, eq. 2–3): each pass sets b_i = Σ(r − μ − b_u) / (λ_i + n_i), then
/// b_u = Σ(r − μ − b_i) / (λ_u + n_u). Deterministic and single-threaded; it takes milliseconds.
/// </summary>
/// <param name="options">The settings; null for the defaults.</param>
public sealed class BaselineTrainer(BaselineOptions? options = null)
{
    /// <summary>The settings this trainer uses.</summary>
    public BaselineOptions Options { get; } = options ?? new BaselineOptions();

    /// <summary>Fits the baseline.</summary>
    /// <param name="train">The training ratings.</param>
    /// <param name="cancellation">Checked between passes.</param>
    /// <returns>The model.</returns>
    public BaselineModel Fit(RatingStore train, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        Options.Validate();
        TrainingDomain domain = TrainingDomain.From(train);
        float mu = domain.GlobalMean;
        var userBiases = new float[train.UserCount];
        var itemBiases = new float[train.ItemCount];
        var itemSums = new double[train.ItemCount];
        var itemCounts = new int[train.ItemCount];
        ReadOnlySpan<int> items = train.ItemIndices;
        ReadOnlySpan<float> values = train.Values;
        ReadOnlySpan<int> offsets = train.UserOffsets;
        for (int epoch = 0; epoch < Options.Epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            Array.Clear(itemSums);
            Array.Clear(itemCounts);
            // Row by row (the same order as position by position), so the store's user column is never needed.
            for (int u = 0; u < userBiases.Length; u++)
            {
                for (int k = offsets[u]; k < offsets[u + 1]; k++)
                {
                    itemSums[items[k]] += values[k] - mu - userBiases[u];
                    itemCounts[items[k]]++;
                }
            }

            for (int i = 0; i < itemBiases.Length; i++)
            {
                itemBiases[i] = itemCounts[i] == 0 ? 0f : (float)(itemSums[i] / (Options.ItemRegularization + itemCounts[i]));
            }

            for (int u = 0; u < userBiases.Length; u++)
            {
                double sum = 0;
                for (int k = offsets[u]; k < offsets[u + 1]; k++)
                {
                    sum += values[k] - mu - itemBiases[items[k]];
                }

                int count = offsets[u + 1] - offsets[u];
                userBiases[u] = count == 0 ? 0f : (float)(sum / (Options.UserRegularization + count));
            }
        }

        return new BaselineModel(domain, userBiases, itemBiases, Options.ClipPredictions);
    }
}
