using MatrixFactorization.Data;
using MatrixFactorization.Foundation;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>The parameters BPR updates in place: the factor rows and, when learned, the item biases.</summary>
internal sealed class BprState : ITrainingState
{
    /// <summary>A state over given parameters (shared, not copied).</summary>
    internal BprState(FactorMatrix p, FactorMatrix q, float[] itemBiases)
    {
        P = p;
        Q = q;
        ItemBiases = itemBiases;
    }

    public FactorMatrix P { get; }

    public FactorMatrix Q { get; }

    /// <summary>One bias per item, or empty when the model learns none.</summary>
    public float[] ItemBiases { get; }

    public int ParameterSpanCount => 3;

    /// <summary>A state with factors drawn as the options say and item biases at zero.</summary>
    public static BprState Create(RatingStore train, BprOptions options)
    {
        var p = new FactorMatrix(train.UserCount, options.FactorCount);
        var q = new FactorMatrix(train.ItemCount, options.FactorCount);
        FactorInitialization init = options.Initialization;

        // Mean-matched draws aim p·q at the mean rating, which a ranking model has no use for:
        // they start at mean zero like a plain normal draw.
        float mean = init.Distribution == FactorDistribution.MeanMatchedNormal ? 0f : init.A;
        init.Fill(p, mean, SplitMix64.For(options.Seed, 3, 0xB9B), options.EffectiveThreads);
        init.Fill(q, mean, SplitMix64.For(options.Seed, 4, 0xB9B), options.EffectiveThreads);
        return new BprState(p, q, options.ItemBias ? new float[train.ItemCount] : []);
    }

    public Span<float> ParameterSpan(int index) => index switch
    {
        0 => P.PaddedStorage,
        1 => Q.PaddedStorage,
        2 => ItemBiases,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>Always true: every parameter a step changes enters that step's score difference, so
    /// a non-finite one already shows in the loss.</summary>
    public bool IsFinite() => true;
}
