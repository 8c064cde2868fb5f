using MatrixFactorization.Foundation;
using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>The parameters SGD updates in place, and the constants of the update.</summary>
internal sealed class SgdState : ITrainingState
{
    public SgdState(FactorMatrix p, FactorMatrix q, float[] userBiases, float[] itemBiases, float globalMean, float regP, float regQ, float regB, bool adaGrad)
    {
        P = p;
        Q = q;
        Stride = p.Stride;
        UserBiases = userBiases;
        ItemBiases = itemBiases;
        GlobalMean = globalMean;
        RegP = regP;
        RegQ = regQ;
        RegB = regB;
        if (adaGrad)
        {
            // LIBMF's start: the rate η/√G is taken before the gradient is added, so G starts at 1, not 0.
            UserAccumulators = Ones(2 * p.Rows);
            ItemAccumulators = Ones(2 * q.Rows);
        }
    }

    public readonly FactorMatrix P;
    public readonly FactorMatrix Q;
    public readonly int Stride;
    public readonly float[] UserBiases;
    public readonly float[] ItemBiases;
    public readonly float GlobalMean;
    public readonly float RegP;
    public readonly float RegQ;
    public readonly float RegB;

    /// <summary>
    /// AdaGrad's squared-gradient sums of the users, starting at 1; null for plain SGD. Element 2u
    /// belongs to user u's factor row (LIBMF's scheme: one per row), element 2u + 1 to its bias.
    /// </summary>
    /// <remarks>
    /// A row's two sums share a cache line, so the update finds both with one miss at most, one
    /// prefetch can fetch them, and they load as one pair. Pinned, so a prefetch can take their address.
    /// </remarks>
    public readonly float[]? UserAccumulators;

    /// <summary>The items' sums, laid out as <see cref="UserAccumulators"/>.</summary>
    public readonly float[]? ItemAccumulators;

    public int ParameterSpanCount => 4;

    /// <summary>A state with factors drawn as the options say and biases at zero.</summary>
    /// <param name="train">The training ratings, which size the matrices.</param>
    /// <param name="options">The settings.</param>
    /// <param name="biased">Whether the update learns biases around the global mean.</param>
    /// <param name="biasRegularization">λ of the biases (unused without them).</param>
    /// <param name="domain">The training domain, for the global mean.</param>
    public static SgdState Create(RatingStore train, SgdOptions options, bool biased, float biasRegularization, TrainingDomain domain)
    {
        var p = new FactorMatrix(train.UserCount, options.FactorCount);
        var q = new FactorMatrix(train.ItemCount, options.FactorCount);
        FactorInitialization init = options.Initialization;
        float mean = init.Distribution == FactorDistribution.MeanMatchedNormal
            ? MathF.Sqrt(Math.Max(domain.GlobalMean, 0f) / options.FactorCount)
            : init.A;
        init.Fill(p, mean, SplitMix64.For(options.Seed, 3, 0x1417), options.EffectiveThreads);
        init.Fill(q, mean, SplitMix64.For(options.Seed, 4, 0x1417), options.EffectiveThreads);
        return new SgdState(
            p,
            q,
            // Pinned, as the accumulators are, so that AdaGrad's update can prefetch an item's bias.
            GC.AllocateArray<float>(train.UserCount, pinned: true),
            GC.AllocateArray<float>(train.ItemCount, pinned: true),
            biased ? domain.GlobalMean : 0f,
            options.FactorRegularization,
            options.FactorRegularization,
            biasRegularization,
            options.Optimizer == SgdOptimizer.AdaGrad);
    }

    public Span<float> ParameterSpan(int index) => index switch
    {
        0 => P.PaddedStorage,
        1 => Q.PaddedStorage,
        2 => UserBiases,
        3 => ItemBiases,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    private static float[] Ones(int length)
    {
        float[] ones = GC.AllocateUninitializedArray<float>(length, pinned: true);
        Array.Fill(ones, 1f);
        return ones;
    }

    /// <summary>Always true: every parameter SGD updates enters some rating's error, so a
    /// non-finite one already shows in the loss.</summary>
    public bool IsFinite() => true;
}
