using System.Runtime.CompilerServices;
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
        return FactorKernels.AdaGradUpdatePadded(
            ref p, ref q, stride, ref SgdContext.At(ref s.GP, entry.User), ref SgdContext.At(ref s.GQ, entry.Item), entry.Value, 0f, s.LearningRate, s.RegP, s.RegQ, s.InverseFactorCount);
    }
}

/// <summary>r̂ = μ + b_u + b_i + p·q, AdaGrad with one accumulator per row and per bias.</summary>
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
        float error = FactorKernels.AdaGradUpdatePadded(
            ref p, ref q, stride, ref SgdContext.At(ref s.GP, entry.User), ref SgdContext.At(ref s.GQ, entry.Item), entry.Value, s.GlobalMean + bu + bi, s.LearningRate, s.RegP, s.RegQ, s.InverseFactorCount);
        AdaGradScalar(ref bu, ref SgdContext.At(ref s.GUserBiases, entry.User), error - (s.RegB * bu), s.LearningRate);
        AdaGradScalar(ref bi, ref SgdContext.At(ref s.GItemBiases, entry.Item), error - (s.RegB * bi), s.LearningRate);
        return error;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AdaGradScalar(ref float value, ref float accumulator, float descent, float learningRate)
    {
        accumulator += descent * descent;
        value += learningRate * descent / (MathF.Sqrt(accumulator) + FactorKernels.AdaGradEpsilon);
    }
}
