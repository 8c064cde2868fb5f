using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MatrixFactorization.Data;
using MatrixFactorization.Foundation;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// The parameters of SVD++ and its SGD epoch, one user at a time with the implicit sum cached
/// (<see cref="SvdPlusPlusUserPass"/>), then every user's combined vector recomputed for the model.
/// </summary>
/// <remarks>
/// The users are visited in a seeded order that changes every epoch, and each user's ratings in a
/// seeded order too. The pass runs on the calling thread: SVD++ updates every y_j of a user at the
/// end of the user's pass, and any two users share items, so a parallel pass would either lock or
/// depend on timing. The combined vectors depend only on the state after the pass, one row each, so
/// they are recomputed in parallel parts and the model is bit-identical for any thread count.
/// </remarks>
internal sealed class SvdPlusPlusEngine : IEpochRunner, ITrainingState
{
    private const long OrderSalt = 0x5F9;
    private readonly RatingStore _train;
    private readonly SvdPlusPlusOptions _options;
    private readonly int[] _users;
    private readonly SvdPlusPlusUserPass _pass;
    private readonly PhaseRunner _runner;
    private readonly int[] _parts;
    private readonly Action<int> _combinePart;

    public SvdPlusPlusEngine(RatingStore train, TrainingDomain domain, SvdPlusPlusOptions options)
    {
        _train = train;
        _options = options;
        int k = options.FactorCount;
        int threads = Math.Max(1, options.EffectiveThreads);
        UserFactors = new FactorMatrix(train.UserCount, k);
        ItemFactors = new FactorMatrix(train.ItemCount, k);
        ImplicitFactors = new FactorMatrix(train.ItemCount, k);
        CombinedFactors = new FactorMatrix(train.UserCount, k);
        UserBiases = new float[train.UserCount];
        ItemBiases = new float[train.ItemCount];

        FactorInitialization init = options.Initialization;
        float mean = init.Distribution == FactorDistribution.MeanMatchedNormal
            ? MathF.Sqrt(MathF.Max(domain.GlobalMean, 0f) / k)
            : init.A;
        init.Fill(UserFactors, mean, SplitMix64.For(options.Seed, 1, OrderSalt), threads);
        init.Fill(ItemFactors, mean, SplitMix64.For(options.Seed, 2, OrderSalt), threads);
        init.Fill(ImplicitFactors, mean, SplitMix64.For(options.Seed, 3, OrderSalt), threads);
        for (int i = 0; i < train.ItemCount; i++)
        {
            if (!domain.KnownItems[i])
            {
                ItemFactors.Row(i).Clear();
                ImplicitFactors.Row(i).Clear();
            }
        }

        ReadOnlySpan<int> offsets = train.UserOffsets;
        var users = new List<int>();
        for (int u = 0; u < train.UserCount; u++)
        {
            if (offsets[u + 1] > offsets[u])
            {
                users.Add(u);
            }
            else
            {
                UserFactors.Row(u).Clear();
            }
        }

        _users = [.. users];
        _pass = new SvdPlusPlusUserPass(this, domain.GlobalMean, RatingRows.ByUser(train).LongestRow);
        _runner = new PhaseRunner(threads);
        _parts = RowParts.Bounds(offsets, rowCost: 1);
        _combinePart = CombinePart;

        // As in the SGD engine: the kernel path must be a constant when the pass is compiled.
        RuntimeHelpers.RunClassConstructor(typeof(KernelDispatch).TypeHandle);
        Combine();
    }

    /// <summary>P, one row per user: the explicit part of the user vectors.</summary>
    public FactorMatrix UserFactors { get; }

    /// <summary>Q, one row per item.</summary>
    public FactorMatrix ItemFactors { get; }

    /// <summary>Y, one implicit row per item.</summary>
    public FactorMatrix ImplicitFactors { get; }

    /// <summary>The model's user rows: p_u + |N(u)|^−½ Σ y_j, recomputed after every epoch.</summary>
    public FactorMatrix CombinedFactors { get; }

    /// <summary>b_u.</summary>
    public float[] UserBiases { get; }

    /// <summary>b_i.</summary>
    public float[] ItemBiases { get; }

    public RatingStore Train => _train;

    public SvdPlusPlusOptions Options => _options;

    public int ParameterSpanCount => 5;

    /// <summary>What the model reads; P is left out, since a restored model is never trained further.</summary>
    public Span<float> ParameterSpan(int index) => index switch
    {
        0 => CombinedFactors.PaddedStorage,
        1 => ItemFactors.PaddedStorage,
        2 => ImplicitFactors.PaddedStorage,
        3 => UserBiases,
        4 => ItemBiases,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>The combined vectors hold every known user's p and every known item's y; the loss vouches for the rest.</summary>
    public bool IsFinite()
    {
        foreach (float value in CombinedFactors.PaddedStorage)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One pass over every user in a seeded order; returns the sum of the squared errors seen before each update.</summary>
    public double RunEpoch(int epoch, float learningRate, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var rng = SplitMix64.For(_options.Seed, epoch, OrderSalt);
        rng.Shuffle(_users.AsSpan());
        _pass.Prepare(learningRate);
        double loss = 0;
        for (int n = 0; n < _users.Length; n++)
        {
            if ((n & 1023) == 1023)
            {
                cancellation.ThrowIfCancellationRequested();
            }

            loss += _pass.Run(_users[n], ref rng);
        }

        cancellation.ThrowIfCancellationRequested();
        Combine();
        return loss;
    }

    public void Dispose() => _runner.Dispose();

    /// <summary>Every known user's combined vector from the current P and Y.</summary>
    private void Combine() => _runner.Run(_combinePart, _parts.Length - 1);

    private void CombinePart(int part)
    {
        ReadOnlySpan<int> offsets = _train.UserOffsets;
        ReadOnlySpan<int> items = _train.ItemIndices;
        ReadOnlySpan<float> ones = _pass.Ones;
        int stride = ImplicitFactors.Stride;
        ref float y = ref MemoryMarshal.GetReference(ImplicitFactors.PaddedStorage);
        for (int u = _parts[part]; u < _parts[part + 1]; u++)
        {
            int start = offsets[u];
            int count = offsets[u + 1] - start;
            if (count == 0)
            {
                continue;
            }

            Span<float> combined = CombinedFactors.PaddedRow(u);
            combined.Clear();
            FactorKernels.AddWeightedRowsPadded(ref y, stride, items.Slice(start, count), ones[..count], ref MemoryMarshal.GetReference(combined));
            FactorKernels.Scale(combined, 1f / MathF.Sqrt(count));
            FactorKernels.AxpyPadded(1f, ref UserFactors.RowReference(u), ref MemoryMarshal.GetReference(combined), stride);
        }
    }
}
