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
}

/// <summary>r̂ = p·q, plain SGD.</summary>
internal struct PlainSgdRule : IUpdateRule
{
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
        ref float gp = ref SgdContext.At(ref s.GP, entry.User);
        ref float gq = ref SgdContext.At(ref s.GQ, entry.Item);
        Vector128<float> rates = AdaGradUpdateKernel.Rates(s.LearningRate, Vector128.Create(gp, gq, 1f, 1f));
        return FactorKernels.AdaGradUpdatePadded(
            ref p, ref q, stride, ref gp, ref gq, entry.Value, 0f, rates.GetElement(0), rates.GetElement(1), s.RegP, s.RegQ, s.InverseFactorCount);
    }
}

/// <summary>r̂ = μ + b_u + b_i + p·q, AdaGrad with one accumulator per row and per bias, each bias stepped by the rule of the rows.</summary>
internal struct BiasedAdaGradRule : IUpdateRule
{
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
        ref float gp = ref SgdContext.At(ref s.GP, entry.User);
        ref float gq = ref SgdContext.At(ref s.GQ, entry.Item);
        ref float gbu = ref SgdContext.At(ref s.GUserBiases, entry.User);
        ref float gbi = ref SgdContext.At(ref s.GItemBiases, entry.Item);

        // All four rates from the accumulators before this update (LIBMF's order), in one square
        // root and one division that overlap the rows' reduction instead of following the error.
        Vector128<float> rates = AdaGradUpdateKernel.Rates(s.LearningRate, Vector128.Create(gp, gq, gbu, gbi));
        float error = FactorKernels.AdaGradUpdatePadded(
            ref p, ref q, stride, ref gp, ref gq, entry.Value, s.GlobalMean + bu + bi, rates.GetElement(0), rates.GetElement(1), s.RegP, s.RegQ, s.InverseFactorCount);
        AdaGradScalar(ref bu, ref gbu, error - (s.RegB * bu), rates.GetElement(2));
        AdaGradScalar(ref bi, ref gbi, error - (s.RegB * bi), rates.GetElement(3));
        return error;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AdaGradScalar(ref float value, ref float accumulator, float descent, float rate)
    {
        value += rate * descent;
        accumulator += descent * descent;
    }
}
