using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>
/// The parameters a BPR step touches, as raw references and values held in locals for the length
/// of a block (as <see cref="SgdContext"/> holds them for SGD), with the step's decays 1 − η·λ
/// computed once per block.
/// </summary>
internal readonly ref struct BprContext
{
    public BprContext(BprState state, float learningRate, float regularization, float biasRegularization)
    {
        P = ref MemoryMarshal.GetReference(state.P.PaddedStorage);
        Q = ref MemoryMarshal.GetReference(state.Q.PaddedStorage);
        HasBiases = state.ItemBiases.Length != 0;
        ItemBiases = ref MemoryMarshal.GetArrayDataReference(state.ItemBiases);
        Stride = state.P.Stride;
        LearningRate = learningRate;
        DecayP = FactorKernels.Decay(learningRate, regularization);
        DecayQ = DecayP;
        DecayB = FactorKernels.Decay(learningRate, biasRegularization);
    }

    public readonly ref float P;
    public readonly ref float Q;
    public readonly ref float ItemBiases;
    public readonly bool HasBiases;
    public readonly int Stride;
    public readonly float LearningRate;
    public readonly float DecayP;
    public readonly float DecayQ;
    public readonly float DecayB;

    // SAFETY (both): the stride is the matrices' own, and indices come from the grid built from the store the state was sized for, so a
    // user index is below P's row count and an item index below Q's; each padded storage holds
    // Rows * Stride floats. Bias is only dereferenced when the model has biases, one per item.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref float Row(ref float matrix, int row, int stride) => ref Unsafe.Add(ref matrix, (nint)row * stride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref float Bias(int item) => ref Unsafe.Add(ref ItemBiases, item);
}
