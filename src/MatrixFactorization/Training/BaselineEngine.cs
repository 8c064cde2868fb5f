using MatrixFactorization.Data;

namespace MatrixFactorization.Training;

/// <summary>The baseline's biases and its alternating least-squares pass, one pass an epoch.</summary>
internal sealed class BaselineEngine(RatingStore train, float globalMean, BaselineOptions options) : IEpochRunner, ITrainingState
{
    private readonly double[] _itemSums = new double[train.ItemCount];
    private readonly int[] _itemCounts = new int[train.ItemCount];

    public float[] UserBiases { get; } = new float[train.UserCount];

    public float[] ItemBiases { get; } = new float[train.ItemCount];

    public int ParameterSpanCount => 2;

    public Span<float> ParameterSpan(int index) => index switch
    {
        0 => UserBiases,
        1 => ItemBiases,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>Always true: every bias enters the errors the loss sums.</summary>
    public bool IsFinite() => true;

    /// <summary>Sets the item biases from the user biases, then the user biases from the item
    /// biases, and returns the squared training errors of the biases that result.</summary>
    public double RunEpoch(int epoch, float learningRate, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        float mu = globalMean;
        float[] userBiases = UserBiases, itemBiases = ItemBiases;
        ReadOnlySpan<int> items = train.ItemIndices;
        ReadOnlySpan<float> values = train.Values;
        ReadOnlySpan<int> offsets = train.UserOffsets;
        Array.Clear(_itemSums);
        Array.Clear(_itemCounts);

        // Row by row (the same order as position by position), so the store's user column is never needed.
        for (int u = 0; u < userBiases.Length; u++)
        {
            for (int k = offsets[u]; k < offsets[u + 1]; k++)
            {
                _itemSums[items[k]] += values[k] - mu - userBiases[u];
                _itemCounts[items[k]]++;
            }
        }

        for (int i = 0; i < itemBiases.Length; i++)
        {
            itemBiases[i] = _itemCounts[i] == 0 ? 0f : (float)(_itemSums[i] / (options.ItemRegularization + _itemCounts[i]));
        }

        double loss = 0;
        for (int u = 0; u < userBiases.Length; u++)
        {
            double sum = 0;
            for (int k = offsets[u]; k < offsets[u + 1]; k++)
            {
                sum += values[k] - mu - itemBiases[items[k]];
            }

            int count = offsets[u + 1] - offsets[u];
            userBiases[u] = count == 0 ? 0f : (float)(sum / (options.UserRegularization + count));

            // The error of μ + b_u + b_i once this user's bias is set, for the epoch's report only.
            for (int k = offsets[u]; k < offsets[u + 1]; k++)
            {
                double error = values[k] - (double)mu - userBiases[u] - itemBiases[items[k]];
                loss += error * error;
            }
        }

        return loss;
    }

    /// <summary>Nothing to release: the pass runs on the caller's thread.</summary>
    public void Dispose()
    {
    }
}
