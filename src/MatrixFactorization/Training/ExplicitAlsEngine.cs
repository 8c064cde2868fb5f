using System.Runtime.CompilerServices;
using MatrixFactorization.Data;
using MatrixFactorization.Foundation;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// The parameters of explicit ALS and its iteration: every user's factors and bias solved exactly
/// against the fixed items (<see cref="ExplicitAlsRow"/>), then every item's against the new users
/// (one epoch). Rows are solved in parallel parts on a fixed set of threads; cancellation is
/// checked before each part.
/// </summary>
/// <remarks>
/// Each half exactly minimizes the same objective over its side, Σ (r − μ − b_u − b_i − p·q)² plus
/// the penalties, so the objective never rises from one half to the next. The epoch's loss is the
/// training sum of squared errors after the item half (penalties left out, so the loop reports the
/// training RMSE), taken per item from the item's own solve (see <see cref="ExplicitAlsRow"/>) and
/// added in item order, so it is reproducible too.
/// </remarks>
internal sealed class ExplicitAlsEngine : IEpochRunner, ITrainingState
{
    /// <summary>Columns after a row handed to its solve for prefetching: the next rows' first ratings (more than the solve's prefetch distance).</summary>
    private const int UpcomingColumns = 64;

    private readonly ExplicitAlsOptions _options;
    private readonly float _offset;
    private readonly PhaseRunner _runner;
    private readonly WorkspaceSlots<ExplicitAlsWorkspace> _workspaces;
    private readonly HalfStep _userHalf;
    private readonly HalfStep _itemHalf;
    private readonly double[] _itemLoss;
    private CancellationToken _cancellation;

    public ExplicitAlsEngine(RatingStore train, TrainingDomain domain, ExplicitAlsOptions options)
    {
        _options = options;
        _offset = domain.GlobalMean;
        int k = options.FactorCount;
        int threads = Math.Max(1, options.EffectiveThreads);
        UserFactors = new FactorMatrix(train.UserCount, k);
        ItemFactors = new FactorMatrix(train.ItemCount, k);
        UserBiases = new float[train.UserCount];
        ItemBiases = new float[train.ItemCount];

        // Only the items' start matters: the users are solved from it first. Items without ratings
        // stay zero, as the model ignores them anyway.
        FactorInitialization init = options.Initialization;
        float mean = init.Distribution == FactorDistribution.MeanMatchedNormal
            ? MathF.Sqrt(MathF.Max(domain.GlobalMean, 0f) / k)
            : init.A;
        init.Fill(ItemFactors, mean, SplitMix64.For(options.Seed, 1, 0xE15), threads);
        for (int i = 0; i < ItemFactors.Rows; i++)
        {
            if (!domain.KnownItems[i])
            {
                ItemFactors.Row(i).Clear();
            }
        }

        _itemLoss = new double[train.ItemCount];
        _userHalf = new HalfStep(UserFactors, UserBiases, ItemFactors, ItemBiases, RatingRows.ByUser(train), null, k);
        _itemHalf = new HalfStep(ItemFactors, ItemBiases, UserFactors, UserBiases, RatingRows.ByItem(train), _itemLoss, k);
        _runner = new PhaseRunner(threads);
        var workspaces = new ExplicitAlsWorkspace[threads];
        for (int t = 0; t < threads; t++)
        {
            workspaces[t] = new ExplicitAlsWorkspace(k);
        }

        _workspaces = new WorkspaceSlots<ExplicitAlsWorkspace>(workspaces);
        _userHalf.SolvePart = part => SolvePart(_userHalf, part);
        _itemHalf.SolvePart = part => SolvePart(_itemHalf, part);

        // As in the SGD engine: the kernel path must be a constant when the row loops are compiled.
        RuntimeHelpers.RunClassConstructor(typeof(KernelDispatch).TypeHandle);
    }

    /// <summary>P, one row per user.</summary>
    public FactorMatrix UserFactors { get; }

    /// <summary>Q, one row per item.</summary>
    public FactorMatrix ItemFactors { get; }

    /// <summary>b_u.</summary>
    public float[] UserBiases { get; }

    /// <summary>b_i.</summary>
    public float[] ItemBiases { get; }

    public int ParameterSpanCount => 4;

    public Span<float> ParameterSpan(int index) => index switch
    {
        0 => UserFactors.PaddedStorage,
        1 => ItemFactors.PaddedStorage,
        2 => UserBiases,
        3 => ItemBiases,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>Always true: every rated user's and item's parameters enter the loss, which the loop checks.</summary>
    public bool IsFinite() => true;

    /// <summary>One iteration: users, then items; returns the training sum of squared errors after it.</summary>
    public double RunEpoch(int epoch, float learningRate, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        _cancellation = cancellation;
        Run(_userHalf);
        Array.Clear(_itemLoss);
        Run(_itemHalf);
        double loss = 0;
        foreach (double itemLoss in _itemLoss)
        {
            loss += itemLoss;
        }

        return loss;
    }

    public void Dispose() => _runner.Dispose();

    private void Run(HalfStep half)
    {
        _runner.Run(half.SolvePart!, half.Parts.Length - 1);
        _cancellation.ThrowIfCancellationRequested();
    }

    private void SolvePart(HalfStep half, int part)
    {
        if (_cancellation.IsCancellationRequested)
        {
            return;
        }

        int slot = _workspaces.Claim();
        try
        {
            ExplicitAlsWorkspace workspace = _workspaces[slot];
            ReadOnlySpan<int> offsets = half.Rows.Offsets;
            ReadOnlySpan<int> columns = half.Rows.Columns;
            ReadOnlySpan<float> values = half.Rows.Values;
            bool weighted = _options.WeightedRegularization;
            for (int row = half.Parts[part]; row < half.Parts[part + 1]; row++)
            {
                int start = offsets[row];
                int length = offsets[row + 1] - start;
                if (length == 0)
                {
                    continue;
                }

                ReadOnlySpan<int> rowColumns = columns.Slice(start, length);
                ReadOnlySpan<float> rowValues = values.Slice(start, length);
                ReadOnlySpan<int> upcoming = columns.Slice(start + length, Math.Min(UpcomingColumns, columns.Length - start - length));
                double scale = weighted ? length : 1;
                double squaredError = ExplicitAlsRow.Solve(
                    half.Target.Row(row),
                    ref half.TargetBiases[row],
                    half.Fixed,
                    half.FixedBiases,
                    rowColumns,
                    rowValues,
                    upcoming,
                    _offset,
                    _options.Regularization * scale,
                    _options.BiasRegularization * scale,
                    workspace);
                if (half.Loss is { } loss)
                {
                    loss[row] = squaredError;
                }
            }
        }
        finally
        {
            _workspaces.Release(slot);
        }
    }

    /// <summary>One side's half-iteration: the rows it solves, the fixed side, and its parts.</summary>
    private sealed class HalfStep(FactorMatrix target, float[] targetBiases, FactorMatrix fixedFactors, float[] fixedBiases, RatingRows rows, double[]? loss, int factorCount)
    {
        public FactorMatrix Target { get; } = target;

        public float[] TargetBiases { get; } = targetBiases;

        public FactorMatrix Fixed { get; } = fixedFactors;

        public float[] FixedBiases { get; } = fixedBiases;

        public RatingRows Rows { get; } = rows;

        public double[]? Loss { get; } = loss;

        /// <summary>Part bounds; a row's (k + 1)³/6 factorization weighs about k/6 ratings of k²/2 each.</summary>
        public int[] Parts { get; } = RowParts.Bounds(rows.Offsets, Math.Max(1, factorCount / 3));

        public Action<int>? SolvePart { get; set; }
    }
}
