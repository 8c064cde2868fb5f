using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>
/// The parameters an update rule touches, as raw references and values held in locals for the
/// length of a block. Reading them through <see cref="SgdState"/> on every rating costs a chain of
/// object loads the JIT cannot hoist (the updates write through references it cannot prove
/// unrelated); from a local struct they stay in registers. The step's coefficients that depend
/// only on the learning rate are computed here once per block, not once per rating.
/// </summary>
internal readonly ref struct SgdContext
{
    public SgdContext(SgdState state, float learningRate)
    {
        P = ref MemoryMarshal.GetReference(state.P.PaddedStorage);
        Q = ref MemoryMarshal.GetReference(state.Q.PaddedStorage);
        UserBiases = ref MemoryMarshal.GetArrayDataReference(state.UserBiases);
        ItemBiases = ref MemoryMarshal.GetArrayDataReference(state.ItemBiases);
        UserAccumulators = ref state.UserAccumulators is null ? ref Unsafe.NullRef<float>() : ref MemoryMarshal.GetArrayDataReference(state.UserAccumulators);
        ItemAccumulators = ref state.ItemAccumulators is null ? ref Unsafe.NullRef<float>() : ref MemoryMarshal.GetArrayDataReference(state.ItemAccumulators);
        Stride = state.Stride;
        GlobalMean = state.GlobalMean;
        RegP = state.RegP;
        RegQ = state.RegQ;
        RegB = state.RegB;
        LearningRate = learningRate;
        InverseFactorCount = 1f / state.P.Columns;
        DecayP = FactorKernels.Decay(learningRate, state.RegP);
        DecayQ = FactorKernels.Decay(learningRate, state.RegQ);
    }

    public readonly ref float P;
    public readonly ref float Q;
    public readonly ref float UserBiases;
    public readonly ref float ItemBiases;

    /// <summary>AdaGrad's squared-gradient sums, a pair per row (<see cref="SgdState.UserAccumulators"/>); null references for plain SGD.</summary>
    public readonly ref float UserAccumulators;
    public readonly ref float ItemAccumulators;

    public readonly int Stride;
    public readonly float GlobalMean;
    public readonly float RegP;
    public readonly float RegQ;
    public readonly float RegB;
    public readonly float LearningRate;

    /// <summary>1/k: AdaGrad's row accumulators take the mean squared gradient over the real factors, not the padding.</summary>
    public readonly float InverseFactorCount;

    /// <summary>1 − η·λ for user and item rows: the factor a plain SGD step scales a row by.</summary>
    public readonly float DecayP;
    public readonly float DecayQ;

    // SAFETY (all three): indices come from training entries built from the store the state was sized
    // for, so a user index is below P's row count and an item index below Q's, each padded storage
    // holds Rows * Stride floats, each bias array one float per row and each accumulator array two.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref float Row(ref float matrix, int index, int stride) => ref Unsafe.Add(ref matrix, (nint)index * stride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref float At(ref float vector, int index) => ref Unsafe.Add(ref vector, index);

    /// <summary>A row's pair of accumulators: the factor row's first, the bias's second.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref float Pair(ref float accumulators, int index) => ref Unsafe.Add(ref accumulators, 2 * (nint)index);
}
