using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>
/// One SGD update for one rating; returns the error before the update. Implemented by structs so
/// the JIT compiles one specialised loop per rule, with no branch on the model kind inside it.
/// </summary>
internal interface IUpdateRule
{
    static abstract float Update<TRows>(in SgdContext s, in TrainingEntry entry)
        where TRows : struct, IRowShape;

    /// <summary>
    /// Fetches what the update of a rating of <paramref name="item"/> will read besides the item's
    /// factor row (which the engine fetches itself), some ratings ahead of it.
    /// </summary>
    static abstract void PrefetchItem(in SgdContext s, int item);

    /// <summary>As <see cref="PrefetchItem"/>, for a user whose factor row the engine fetches.</summary>
    static abstract void PrefetchUser(in SgdContext s, int user);
}

/// <summary>r̂ = p·q, plain SGD.</summary>
internal struct PlainSgdRule : IUpdateRule
{
    // The biases enter only the error, late in the update, so the rows' fetches suffice.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PrefetchItem(in SgdContext s, int item)
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PrefetchUser(in SgdContext s, int user)
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Update<TRows>(in SgdContext s, in TrainingEntry entry)
        where TRows : struct, IRowShape
    {
        int stride = TRows.Stride(in s);
        ref float p = ref SgdContext.Row(ref s.P, entry.User, stride);
        ref float q = ref SgdContext.Row(ref s.Q, entry.Item, stride);
        return FactorKernels.SgdUpdatePadded(ref p, ref q, stride, entry.Value, 0f, s.LearningRate, s.DecayP, s.DecayQ);
    }
}

/// <summary>r̂ = μ + b_u + b_i + p·q, plain SGD.</summary>
internal struct BiasedSgdRule : IUpdateRule
{
    // The biases enter only the error, late in the update, so the rows' fetches suffice.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PrefetchItem(in SgdContext s, int item)
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PrefetchUser(in SgdContext s, int user)
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Update<TRows>(in SgdContext s, in TrainingEntry entry)
        where TRows : struct, IRowShape
    {
        int stride = TRows.Stride(in s);
        ref float p = ref SgdContext.Row(ref s.P, entry.User, stride);
        ref float q = ref SgdContext.Row(ref s.Q, entry.Item, stride);
        ref float bu = ref SgdContext.At(ref s.UserBiases, entry.User);
        ref float bi = ref SgdContext.At(ref s.ItemBiases, entry.Item);
        float error = FactorKernels.SgdUpdatePadded(ref p, ref q, stride, entry.Value, s.GlobalMean + bu + bi, s.LearningRate, s.DecayP, s.DecayQ);
        bu += s.LearningRate * (error - (s.RegB * bu));
        bi += s.LearningRate * (error - (s.RegB * bi));
        return error;
    }
}

/// <summary>r̂ = p·q, AdaGrad with one accumulator per row.</summary>
internal struct PlainAdaGradRule : IUpdateRule
{
    // The accumulators come first in the update: the rates wait on them, and the step on the rates.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PrefetchItem(in SgdContext s, int item) => Prefetcher.Line(ref SgdContext.Pair(ref s.ItemAccumulators, item));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PrefetchUser(in SgdContext s, int user) => Prefetcher.Line(ref SgdContext.Pair(ref s.UserAccumulators, user));

    // A call of its own: inlined into the engine's unrolled loops, the update's hundred or so
    // vector operations exhaust the JIT's inlining budget for the loop method, which then calls
    // the vector helpers one by one (measured: half the speed of this call).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Update<TRows>(in SgdContext s, in TrainingEntry entry)
        where TRows : struct, IRowShape
    {
        int stride = TRows.Stride(in s);
        ref float p = ref SgdContext.Row(ref s.P, entry.User, stride);
        ref float q = ref SgdContext.Row(ref s.Q, entry.Item, stride);
        ref float userSums = ref SgdContext.Pair(ref s.UserAccumulators, entry.User);
        ref float itemSums = ref SgdContext.Pair(ref s.ItemAccumulators, entry.Item);

        // The bias sums of the pairs are never added to here and stay at 1.
        Vector128<float> sums = AccumulatorPairs.Load(ref userSums, ref itemSums);
        Vector128<float> rates = AdaGradUpdateKernel.Rates(s.LearningRate, sums);
        AdaGradOutcome outcome = FactorKernels.AdaGradStepPadded(
            ref p, ref q, stride, entry.Value, 0f, rates.GetElement(0), rates.GetElement(2), s.RegP, s.RegQ, s.InverseFactorCount);
        AccumulatorPairs.Store(ref userSums, ref itemSums, sums + (outcome.Increments & AccumulatorPairs.RowLanes));
        return outcome.Error;
    }
}

/// <summary>r̂ = μ + b_u + b_i + p·q, AdaGrad with one accumulator per row and per bias, each bias stepped by the rule of the rows.</summary>
internal struct BiasedAdaGradRule : IUpdateRule
{
    // The accumulators come first in the update: the rates wait on them, and the step on the
    // rates. The biases, needed for the error, are fetched with them: an item's are scattered,
    // and a user's are new to the cache when its row is.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PrefetchItem(in SgdContext s, int item)
    {
        Prefetcher.Line(ref SgdContext.Pair(ref s.ItemAccumulators, item));
        Prefetcher.Line(ref SgdContext.At(ref s.ItemBiases, item));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PrefetchUser(in SgdContext s, int user)
    {
        Prefetcher.Line(ref SgdContext.Pair(ref s.UserAccumulators, user));
        Prefetcher.Line(ref SgdContext.At(ref s.UserBiases, user));
    }

    // A call of its own: inlined into the engine's unrolled loops, the update's hundred or so
    // vector operations exhaust the JIT's inlining budget for the loop method, which then calls
    // the vector helpers one by one (measured: half the speed of this call).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Update<TRows>(in SgdContext s, in TrainingEntry entry)
        where TRows : struct, IRowShape
    {
        int stride = TRows.Stride(in s);
        ref float p = ref SgdContext.Row(ref s.P, entry.User, stride);
        ref float q = ref SgdContext.Row(ref s.Q, entry.Item, stride);
        ref float bu = ref SgdContext.At(ref s.UserBiases, entry.User);
        ref float bi = ref SgdContext.At(ref s.ItemBiases, entry.Item);
        ref float userSums = ref SgdContext.Pair(ref s.UserAccumulators, entry.User);
        ref float itemSums = ref SgdContext.Pair(ref s.ItemAccumulators, entry.Item);

        // All four rates from the accumulators before this update (LIBMF's order), in one square
        // root and one division that overlap the rows' reduction instead of following the error:
        // lanes p, b_u, q, b_i, each pair one load.
        Vector128<float> sums = AccumulatorPairs.Load(ref userSums, ref itemSums);
        Vector128<float> rates = AdaGradUpdateKernel.Rates(s.LearningRate, sums);
        AdaGradOutcome outcome = FactorKernels.AdaGradStepPadded(
            ref p, ref q, stride, entry.Value, s.GlobalMean + bu + bi, rates.GetElement(0), rates.GetElement(2), s.RegP, s.RegQ, s.InverseFactorCount);
        float error = outcome.Error;
        float descentU = error - (s.RegB * bu);
        float descentI = error - (s.RegB * bi);
        bu += rates.GetElement(1) * descentU;
        bi += rates.GetElement(3) * descentI;
        Vector128<float> increments = outcome.Increments.WithElement(1, descentU * descentU).WithElement(3, descentI * descentI);
        AccumulatorPairs.Store(ref userSums, ref itemSums, sums + increments);
        return error;
    }
}
