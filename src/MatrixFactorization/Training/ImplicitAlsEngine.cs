using System.Runtime.CompilerServices;
using MatrixFactorization.Data;
using MatrixFactorization.Foundation;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// The parameters of implicit ALS and its iteration: every user solved against the fixed item
/// factors, then every item against the new user factors (one epoch). Rows are solved in parallel
/// parts on a fixed set of threads; cancellation is checked before each part.
/// </summary>
/// <remarks>
/// The epoch's loss is the full weighted objective (Hu, Koren and Volinsky 2008, eq. 3) after the
/// item half: for each item, yᵀ(XᵀX + λI)y covers every user as a non-interaction plus the item's
/// penalty, and Σ over its interactions of c(p − s)² − s² (s = x·y) corrects the interacted pairs;
/// the users' penalty is λ·trace(XᵀX). Per-item sums are added in item order, so the loss is
/// reproducible too.
/// </remarks>
internal sealed class ImplicitAlsEngine : IEpochRunner, ITrainingState
{
    private readonly ImplicitAlsOptions _options;
    private readonly TrainingDomain _domain;
    private readonly GramMatrix _gram;
    private readonly PhaseRunner _runner;
    private readonly WorkspaceSlots<RowWorkspace> _workspaces;
    private readonly HalfStep _userHalf;
    private readonly HalfStep _itemHalf;
    private readonly double[] _itemLoss;
    private CancellationToken _cancellation;

    public ImplicitAlsEngine(RatingStore interactions, TrainingDomain domain, ImplicitAlsOptions options, ImplicitObjective objective)
    {
        _options = options;
        _domain = domain;
        int k = options.FactorCount;
        int threads = Math.Max(1, options.EffectiveThreads);
        UserFactors = new FactorMatrix(interactions.UserCount, k);
        ItemFactors = new FactorMatrix(interactions.ItemCount, k);
        ColdStart = new float[k];

        // Small positive values, as the implicit library starts (uniform on [0, 0.01)). Rows without
        // interactions are zero, their exact optimum, so they add nothing to YᵀY.
        var initialization = FactorInitialization.Uniform(0f, 0.01f);
        initialization.Fill(UserFactors, 0f, SplitMix64.For(options.Seed, 0, 0x1A15), threads);
        initialization.Fill(ItemFactors, 0f, SplitMix64.For(options.Seed, 1, 0x1A15), threads);
        ClearUnknownRows(UserFactors, domain.KnownUsers);
        ClearUnknownRows(ItemFactors, domain.KnownItems);

        var byUser = InteractionRows.ByUser(interactions, objective);
        var byItem = InteractionRows.ByItem(interactions, byUser);
        _itemLoss = new double[interactions.ItemCount];
        _userHalf = new HalfStep(UserFactors, ItemFactors, byUser, null, k);
        _itemHalf = new HalfStep(ItemFactors, UserFactors, byItem, _itemLoss, k);
        _gram = new GramMatrix(k);
        _runner = new PhaseRunner(threads);
        bool exact = options.Solver == ImplicitAlsSolver.Cholesky;
        int longestRow = Math.Max(LongestRow(byUser), LongestRow(byItem));
        var workspaces = new RowWorkspace[threads];
        for (int t = 0; t < threads; t++)
        {
            workspaces[t] = new RowWorkspace(k, longestRow, exact);
        }

        _workspaces = new WorkspaceSlots<RowWorkspace>(workspaces);
        _userHalf.SolvePart = part => SolvePart(_userHalf, part);
        _itemHalf.SolvePart = part => SolvePart(_itemHalf, part);

        // As in the SGD engine: the kernel path must be a constant when the row loops are compiled.
        RuntimeHelpers.RunClassConstructor(typeof(KernelDispatch).TypeHandle);
    }

    /// <summary>X, one row per user.</summary>
    public FactorMatrix UserFactors { get; }

    /// <summary>Y, one row per item.</summary>
    public FactorMatrix ItemFactors { get; }

    /// <summary>The mean known user, kept current after every user half.</summary>
    public float[] ColdStart { get; }

    public int ParameterSpanCount => 3;

    public Span<float> ParameterSpan(int index) => index switch
    {
        0 => UserFactors.PaddedStorage,
        1 => ItemFactors.PaddedStorage,
        2 => ColdStart,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>Always true: every factor enters the loss (the users through trace(XᵀX)), which the loop checks.</summary>
    public bool IsFinite() => true;

    /// <summary>One iteration: users, then items; returns the weighted objective after it.</summary>
    public double RunEpoch(int epoch, float learningRate, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        _cancellation = cancellation;
        float lambda = _options.Regularization;

        _gram.Compute(ItemFactors, lambda, _runner);
        Run(_userHalf);
        FactorScores.MeanOfKnownRows(UserFactors, _domain, ColdStart);

        _gram.Compute(UserFactors, lambda, _runner);
        Array.Clear(_itemLoss);
        Run(_itemHalf);

        double loss = lambda * _gram.TraceOfProducts;
        foreach (double itemLoss in _itemLoss)
        {
            loss += itemLoss;
        }

        return loss;
    }

    public void Dispose() => _runner.Dispose();

    private static int LongestRow(InteractionRows rows)
    {
        int longest = 0;
        for (int r = 0; r < rows.RowCount; r++)
        {
            longest = Math.Max(longest, rows.Length(r));
        }

        return longest;
    }

    private static void ClearUnknownRows(FactorMatrix factors, ReadOnlySpan<bool> known)
    {
        for (int r = 0; r < factors.Rows; r++)
        {
            if (!known[r])
            {
                factors.Row(r).Clear();
            }
        }
    }

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
            RowWorkspace workspace = _workspaces[slot];
            FactorMatrix target = half.Target;
            FactorMatrix fixedFactors = half.Fixed;
            ReadOnlySpan<int> offsets = half.Rows.Offsets;
            ReadOnlySpan<int> columns = half.Rows.Columns;
            ReadOnlySpan<float> confidences = half.Rows.Confidences;
            bool exact = _options.Solver == ImplicitAlsSolver.Cholesky;
            int steps = _options.CgSteps;
            for (int row = half.Parts[part]; row < half.Parts[part + 1]; row++)
            {
                int start = offsets[row];
                int length = offsets[row + 1] - start;
                if (length == 0)
                {
                    continue;
                }

                ReadOnlySpan<int> rowColumns = columns.Slice(start, length);
                ReadOnlySpan<float> rowConfidences = confidences.Slice(start, length);
                if (exact)
                {
                    CholeskyRow.Solve(target.Row(row), _gram.Double, fixedFactors, rowColumns, rowConfidences, workspace);
                }
                else
                {
                    ConjugateGradientRow.Solve(ref target.RowReference(row), _gram.Single, fixedFactors, rowColumns, rowConfidences, steps, workspace);
                }

                if (half.Loss is { } loss)
                {
                    loss[row] = RowLoss(ref target.RowReference(row), fixedFactors, rowColumns, rowConfidences, workspace);
                }
            }
        }
        finally
        {
            _workspaces.Release(slot);
        }
    }

    /// <summary>
    /// One row's share of the objective: yᵀGy counts every pair as a non-interaction (and the
    /// row's penalty); each interaction then replaces its s² by c(p − s)².
    /// </summary>
    private double RowLoss(ref float y, FactorMatrix fixedFactors, ReadOnlySpan<int> columns, ReadOnlySpan<float> confidences, RowWorkspace workspace)
    {
        int stride = fixedFactors.Stride;
        ref float product = ref workspace.Vectors.RowReference(0);
        ConjugateGradientRow.MultiplyGram(_gram.Single, ref y, ref product, workspace.Identity);
        double loss = FactorKernels.DotPadded(ref y, ref product, stride);
        Span<float> dots = workspace.Weights.AsSpan(0, columns.Length);
        FactorKernels.DotRowsPadded(ref fixedFactors.RowReference(0), stride, columns, ref y, dots);
        for (int j = 0; j < columns.Length; j++)
        {
            double s = dots[j];
            double c = confidences[j];
            double miss = (c > 0 ? 1 : 0) - s;
            loss += (Math.Abs(c) * miss * miss) - (s * s);
        }

        return loss;
    }

    /// <summary>One side's half-iteration: the rows it solves, the fixed side, and its parts.</summary>
    private sealed class HalfStep(FactorMatrix target, FactorMatrix fixedFactors, InteractionRows rows, double[]? loss, int factorCount)
    {
        public FactorMatrix Target { get; } = target;

        public FactorMatrix Fixed { get; } = fixedFactors;

        public InteractionRows Rows { get; } = rows;

        public double[]? Loss { get; } = loss;

        /// <summary>Part bounds; a row's k×k products weigh about k/2 interactions.</summary>
        public int[] Parts { get; } = RowParts.Bounds(rows.Offsets, Math.Max(1, factorCount / 2));

        public Action<int>? SolvePart { get; set; }
    }
}
