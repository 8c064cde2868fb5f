using System.Runtime.CompilerServices;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>
/// One SGD update for one rating; returns the error before the update. Implemented by structs so
/// the JIT compiles one specialised loop per rule, with no branch on the model kind inside it.
/// </summary>
internal interface IUpdateRule
{
    static abstract float Update(in SgdContext s, in TrainingEntry entry, float learningRate);
}

/// <summary>r̂ = p·q, plain SGD.</summary>
internal struct PlainSgdRule : IUpdateRule
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Update(in SgdContext s, in TrainingEntry entry, float learningRate)
    {
        ref float p = ref s.Row(ref s.P, entry.User);
        ref float q = ref s.Row(ref s.Q, entry.Item);
        return FactorKernels.SgdUpdatePadded(ref p, ref q, s.Stride, entry.Value, 0f, learningRate, s.RegP, s.RegQ);
    }
}

/// <summary>r̂ = μ + b_u + b_i + p·q, plain SGD.</summary>
internal struct BiasedSgdRule : IUpdateRule
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Update(in SgdContext s, in TrainingEntry entry, float learningRate)
    {
        ref float p = ref s.Row(ref s.P, entry.User);
        ref float q = ref s.Row(ref s.Q, entry.Item);
        ref float bu = ref SgdContext.At(ref s.UserBiases, entry.User);
        ref float bi = ref SgdContext.At(ref s.ItemBiases, entry.Item);
        float error = FactorKernels.SgdUpdatePadded(ref p, ref q, s.Stride, entry.Value, s.GlobalMean + bu + bi, learningRate, s.RegP, s.RegQ);
        bu += learningRate * (error - (s.RegB * bu));
        bi += learningRate * (error - (s.RegB * bi));
        return error;
    }
}

/// <summary>r̂ = p·q, AdaGrad.</summary>
internal struct PlainAdaGradRule : IUpdateRule
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Update(in SgdContext s, in TrainingEntry entry, float learningRate)
    {
        ref float p = ref s.Row(ref s.P, entry.User);
        ref float q = ref s.Row(ref s.Q, entry.Item);
        float error = entry.Value - FactorKernels.DotPadded(ref p, ref q, s.Stride);
        FactorKernels.AdaGradStepPadded(
            ref p, ref q, ref s.Row(ref s.GP, entry.User), ref s.Row(ref s.GQ, entry.Item), s.Stride, error, learningRate, s.RegP, s.RegQ);
        return error;
    }
}

/// <summary>r̂ = μ + b_u + b_i + p·q, AdaGrad (biases too).</summary>
internal struct BiasedAdaGradRule : IUpdateRule
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Update(in SgdContext s, in TrainingEntry entry, float learningRate)
    {
        ref float p = ref s.Row(ref s.P, entry.User);
        ref float q = ref s.Row(ref s.Q, entry.Item);
        ref float bu = ref SgdContext.At(ref s.UserBiases, entry.User);
        ref float bi = ref SgdContext.At(ref s.ItemBiases, entry.Item);
        float error = entry.Value - (s.GlobalMean + bu + bi + FactorKernels.DotPadded(ref p, ref q, s.Stride));
        AdaGradScalar(ref bu, ref SgdContext.At(ref s.GUserBiases, entry.User), error - (s.RegB * bu), learningRate);
        AdaGradScalar(ref bi, ref SgdContext.At(ref s.GItemBiases, entry.Item), error - (s.RegB * bi), learningRate);
        FactorKernels.AdaGradStepPadded(
            ref p, ref q, ref s.Row(ref s.GP, entry.User), ref s.Row(ref s.GQ, entry.Item), s.Stride, error, learningRate, s.RegP, s.RegQ);
        return error;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AdaGradScalar(ref float value, ref float accumulator, float descent, float learningRate)
    {
        accumulator += descent * descent;
        value += learningRate * descent / (MathF.Sqrt(accumulator) + FactorKernels.AdaGradEpsilon);
    }
}
