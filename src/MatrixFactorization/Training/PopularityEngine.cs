using MatrixFactorization.Data;

namespace MatrixFactorization.Training;

/// <summary>Counts (or weighs by age) each item's training interactions; every pass gives the same result.</summary>
internal sealed class PopularityEngine : IEpochRunner, ITrainingState
{
    private readonly RatingStore _train;
    private readonly TimeSpan? _halfLife;

    public PopularityEngine(RatingStore train, PopularityOptions options)
    {
        if (options.HalfLife is not null && !train.HasTimestamps)
        {
            throw new ArgumentException(
                "A popularity half-life weighs interactions by age, but the training data has no timestamps; read a file with a timestamp column or leave HalfLife unset.",
                nameof(train));
        }

        _train = train;
        _halfLife = options.HalfLife;
        Popularity = new float[train.ItemCount];
    }

    public float[] Popularity { get; }

    public int ParameterSpanCount => 1;

    public Span<float> ParameterSpan(int index) =>
        index == 0 ? Popularity : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Always true: counts and weights are finite by construction.</summary>
    public bool IsFinite() => true;

    /// <summary>Fills the popularity values; the loss is 0, a count has nothing to fit.</summary>
    public double RunEpoch(int epoch, float learningRate, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        ReadOnlySpan<int> items = _train.ItemIndices;
        if (_halfLife is not TimeSpan halfLife)
        {
            // Counts in integers, so every count up to 2^31 is exact before the one conversion.
            var counts = new int[Popularity.Length];
            foreach (int item in items)
            {
                counts[item]++;
            }

            for (int i = 0; i < counts.Length; i++)
            {
                Popularity[i] = counts[i];
            }

            return 0;
        }

        long newest = long.MinValue;
        for (int k = 0; k < _train.Count; k++)
        {
            newest = Math.Max(newest, _train.GetTimestamp(k));
        }

        // Timestamps are in seconds, as in MovieLens and most exports.
        double perSecond = -Math.Log(2) / halfLife.TotalSeconds;
        var weights = new double[Popularity.Length];
        for (int k = 0; k < _train.Count; k++)
        {
            weights[items[k]] += Math.Exp(perSecond * (newest - _train.GetTimestamp(k)));
        }

        for (int i = 0; i < weights.Length; i++)
        {
            Popularity[i] = (float)weights[i];
        }

        return 0;
    }

    public void Dispose()
    {
    }
}
