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
            GP = Ones(p.Rows);
            GQ = Ones(q.Rows);
            GUserBiases = Ones(userBiases.Length);
            GItemBiases = Ones(itemBiases.Length);
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

    /// <summary>AdaGrad's squared-gradient sums, one per factor row (LIBMF's scheme), and one per bias, starting at 1; null for plain SGD.</summary>
    public readonly float[]? GP;
    public readonly float[]? GQ;
    public readonly float[]? GUserBiases;
    public readonly float[]? GItemBiases;

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
            new float[train.UserCount],
            new float[train.ItemCount],
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
        var ones = new float[length];
        Array.Fill(ones, 1f);
        return ones;
    }

    /// <summary>Always true: every parameter SGD updates enters some rating's error, so a
    /// non-finite one already shows in the loss.</summary>
    public bool IsFinite() => true;
}
