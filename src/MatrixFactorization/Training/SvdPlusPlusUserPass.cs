using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MatrixFactorization.Foundation;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>
/// One user's SGD pass of SVD++ with the implicit sum cached, the standard approximation of
/// per-rating SVD++ (as in MyMediaLite and LibRec): z_u = |N(u)|^−½ Σ_{j∈N(u)} y_j is computed once,
/// the user's ratings update b_u, b_i, p_u and q_i with z_u held, the y-gradient Σ_i e_ui·q_i is
/// summed over the pass, and every y_j, j ∈ N(u), takes one step with it at the end.
/// </summary>
/// <remarks>
/// <para>Per rating, with e = r − (μ + b_u + b_i + q_i·(p_u + z_u)):
/// b_u += η(e − λ_b b_u), b_i += η(e − λ_b b_i), p_u += η(e q_i − λ p_u),
/// q_i += η(e (p_u + z_u) − λ q_i). Per user, at the end: y_j ← (1 − ηλ_y)^|N(u)| y_j + η|N(u)|^−½ Σ_i e_ui q_i,
/// every y_j shrunk as the |N(u)| per-rating steps would shrink it, so λ_y means what λ means.
/// Per-rating SVD++ (Surprise's) instead steps every y_j after every rating, |N(u)| times the work;
/// the cached pass costs a few row operations per rating plus two per rated item, like biased MF.</para>
/// <para>The pass works on s = p_u + z_u so each rating costs one dot product: the step of p_u on s
/// is s ← (1 − ηλ)s + ηe q_i + ηλ z_u, the same as p_u ← (1 − ηλ)p_u + ηe q_i, and p_u = s − z_u at
/// the end. Nothing is allocated: the scratch rows live as long as the engine.</para>
/// </remarks>
internal sealed class SvdPlusPlusUserPass
{
    private readonly SvdPlusPlusEngine _engine;
    private readonly float _mean;
    private readonly float[] _ones;
    private readonly int[] _order;
    private readonly FactorMatrix _scratch;
    private float _rate;
    private float _decay;
    private float _decayImplicit;

    public SvdPlusPlusUserPass(SvdPlusPlusEngine engine, float mean, int longestRow)
    {
        _engine = engine;
        _mean = mean;
        _ones = new float[Math.Max(longestRow, 1)];
        _ones.AsSpan().Fill(1f);
        _order = new int[Math.Max(longestRow, 1)];
        _scratch = new FactorMatrix(3, engine.Options.FactorCount);
    }

    /// <summary>A weight of 1 for each of the longest user's items.</summary>
    public ReadOnlySpan<float> Ones => _ones;

    /// <summary>Sets the epoch's learning rate and the decays derived from it.</summary>
    public void Prepare(float learningRate)
    {
        _rate = learningRate;
        _decay = FactorKernels.Decay(learningRate, _engine.Options.FactorRegularization);
        _decayImplicit = FactorKernels.Decay(learningRate, _engine.Options.ImplicitRegularization);
    }

    /// <summary>Trains on one user's ratings; returns the sum of their squared errors before each update.</summary>
    public double Run(int user, ref SplitMix64 rng)
    {
        SvdPlusPlusEngine e = _engine;
        ReadOnlySpan<int> offsets = e.Train.UserOffsets;
        int start = offsets[user];
        int count = offsets[user + 1] - start;
        ReadOnlySpan<int> items = e.Train.ItemIndices.Slice(start, count);
        ReadOnlySpan<float> values = e.Train.Values.Slice(start, count);
        FactorMatrix y = e.ImplicitFactors;
        FactorMatrix q = e.ItemFactors;
        int stride = y.Stride;
        KernelPath path = KernelDispatch.Active;
        ref float z = ref _scratch.RowReference(0);
        ref float s = ref _scratch.RowReference(1);
        ref float g = ref _scratch.RowReference(2);
        ref float p = ref e.UserFactors.RowReference(user);
        _scratch.PaddedStorage.Clear();

        // z_u once, then s = p_u + z_u.
        FactorKernels.AddWeightedRowsPadded(path, ref MemoryMarshal.GetReference(y.PaddedStorage), stride, items, _ones.AsSpan(0, count), ref z);
        float norm = 1f / MathF.Sqrt(count);
        FactorKernels.Scale(path, _scratch.PaddedRow(0), norm);
        FactorKernels.AxpyPadded(path, 1f, ref z, ref s, stride);
        FactorKernels.AxpyPadded(path, 1f, ref p, ref s, stride);

        Span<int> order = _order.AsSpan(0, count);
        for (int n = 0; n < count; n++)
        {
            order[n] = n;
        }

        rng.Shuffle(order);
        float[] userBiases = e.UserBiases;
        float[] itemBiases = e.ItemBiases;
        float rate = _rate;
        float decay = _decay;
        float biasRegularization = e.Options.BiasRegularization;
        float pull = rate * e.Options.FactorRegularization;
        ref float bu = ref userBiases[user];
        double loss = 0;
        foreach (int n in order)
        {
            int item = items[n];
            ref float qi = ref q.RowReference(item);
            ref float bi = ref itemBiases[item];
            float error = values[n] - (_mean + bu + bi + FactorKernels.DotPadded(path, ref s, ref qi, stride));
            loss += (double)error * error;
            float oldUserBias = bu;
            bu += rate * (error - (biasRegularization * oldUserBias));
            bi += rate * (error - (biasRegularization * bi));
            FactorKernels.AxpyPadded(path, error, ref qi, ref g, stride);
            FactorKernels.SgdStepPadded(path, ref s, ref qi, stride, rate * error, decay, decay);
            if (pull != 0f)
            {
                FactorKernels.AxpyPadded(path, pull, ref z, ref s, stride);
            }
        }

        // p_u = s − z_u; then one step of every y_j with the summed gradient.
        Unsafe.CopyBlockUnaligned(ref Unsafe.As<float, byte>(ref p), ref Unsafe.As<float, byte>(ref s), (uint)(stride * sizeof(float)));
        FactorKernels.AxpyPadded(path, -1f, ref z, ref p, stride);
        float step = rate * norm;
        float decayImplicit = MathF.Pow(_decayImplicit, count);
        foreach (int item in items)
        {
            FactorKernels.Scale(path, y.PaddedRow(item), decayImplicit);
            FactorKernels.AxpyPadded(path, step, ref g, ref y.RowReference(item), stride);
        }

        return loss;
    }
}
