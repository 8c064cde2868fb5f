using System.Numerics.Tensors;
using MatrixFactorization.Data;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Models;

/// <summary>
/// EASE, an item-item linear model (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse
/// Data"): a user's score for item i is Σ_j x_uj·B_ji, the sum of row j of the item × item weight
/// matrix B over the items j the user interacted with, where
/// B = I − P·diag(1/diag P), P = (XᵀX + λI)⁻¹, so diag(B) = 0.
/// </summary>
/// <remarks>
/// <para>
/// X is the user × item interaction matrix: every stored (user, item) pair of the training data is
/// an entry, 1 or the rating over the top rating (see <see cref="Weighting"/>). Scores are
/// affinities for ranking, not predicted ratings.
/// </para>
/// <para>
/// Memory: B is a dense float matrix, 4 bytes × items² (378 MB for 9,724 items), plus each user's
/// training items and entries (8 bytes per interaction). When the users' score rows take no more room than B (users ≤
/// items) or at most 256 MB, they are computed once, when the model is made — summing rows of B
/// at request time reads 4 × items bytes per row for every item the user has, which is memory-bound
/// — and a request copies one row; otherwise each request sums the rows. Either way a score is the
/// same chain of fused multiply-adds x_uj·B_ji in the user's item order, so the two agree to the bit.
/// </para>
/// <para>
/// Cold start: a user without training interactions (or an unknown index) gets each item's
/// interaction count (popularity). Items without training interactions have zero rows and columns
/// in B and score 0; rankers leave them out.
/// </para>
/// </remarks>
public sealed class EaseModel : IScoringModel
{
    /// <summary>Precomputed user rows are kept when they fit this many floats (256 MB), even if B is smaller.</summary>
    internal const long UserScoreBudget = 1L << 26;

    private readonly TrainingDomain _domain;
    private readonly InteractionMatrix _interactions;
    private readonly FactorMatrix _weights;
    private readonly float[] _popularity;
    private float[]? _userScores;

    internal EaseModel(TrainingDomain domain, InteractionMatrix interactions, FactorMatrix weights, float lambda, InteractionWeighting weighting)
    {
        ArgumentNullException.ThrowIfNull(domain);
        int items = domain.Items.Count;
        if (interactions.RowCount != domain.Users.Count || interactions.ColumnCount != items)
        {
            throw new ArgumentException(
                $"The interactions must be {domain.Users.Count} users × {items} items, not {interactions.RowCount} × {interactions.ColumnCount}.",
                nameof(interactions));
        }

        if (weights.Rows != items || weights.Columns != items)
        {
            throw new ArgumentException($"The weights must be {items} × {items}, not {weights.Rows} × {weights.Columns}.", nameof(weights));
        }

        _domain = domain;
        _interactions = interactions;
        _weights = weights;
        _popularity = interactions.ColumnCounts();
        Lambda = lambda;
        Weighting = weighting;
    }

    /// <summary>What the model knows about its training data.</summary>
    public TrainingDomain Domain => _domain;

    /// <inheritdoc/>
    public IdMap Users => _domain.Users;

    /// <inheritdoc/>
    public IdMap Items => _domain.Items;

    /// <summary>The L2 regularization λ the weights were fitted with.</summary>
    public float Lambda { get; }

    /// <summary>What each training rating put into X, and what a new user's ratings put into their row.</summary>
    public InteractionWeighting Weighting { get; }

    /// <summary>B, items × items: row j holds what an interaction with item j adds to every item's score.</summary>
    internal FactorMatrix Weights => _weights;

    /// <summary>Each user's training items, ascending.</summary>
    internal InteractionMatrix Interactions => _interactions;

    /// <inheritdoc/>
    public bool IsKnownUser(int userIndex) => _domain.IsKnownUser(userIndex) && (uint)userIndex < (uint)_interactions.RowCount
        && _interactions.Offsets[userIndex + 1] > _interactions.Offsets[userIndex];

    /// <inheritdoc/>
    public bool IsKnownItem(int itemIndex) => _domain.IsKnownItem(itemIndex);

    /// <inheritdoc/>
    public void ScoreItems(int userIndex, Span<float> scores)
    {
        int count = Items.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(scores.Length, count, nameof(scores));
        scores = scores[..count];
        if (!IsKnownUser(userIndex))
        {
            _popularity.CopyTo(scores);
        }
        else if (_userScores is { } rows)
        {
            rows.AsSpan(userIndex * count, count).CopyTo(scores);
        }
        else
        {
            SumRows(_interactions.Row(userIndex), _interactions.RowValues(userIndex), scores);
        }
    }

    /// <inheritdoc/>
    public void ScoreItems(int userIndex, ReadOnlySpan<int> itemIndices, Span<float> scores)
    {
        if (scores.Length != itemIndices.Length)
        {
            throw new ArgumentException($"itemIndices ({itemIndices.Length}) and scores ({scores.Length}) must have one length.", nameof(scores));
        }

        int count = Items.Count;
        foreach (int item in itemIndices)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)item, (uint)count, nameof(itemIndices));
        }

        if (!IsKnownUser(userIndex))
        {
            for (int k = 0; k < itemIndices.Length; k++)
            {
                scores[k] = _popularity[itemIndices[k]];
            }

            return;
        }

        if (_userScores is { } rows)
        {
            ReadOnlySpan<float> row = rows.AsSpan(userIndex * count, count);
            for (int k = 0; k < itemIndices.Length; k++)
            {
                scores[k] = row[itemIndices[k]];
            }

            return;
        }

        // One column of B at a time, with the operations of the whole-row sum in the same order.
        ReadOnlySpan<int> rated = _interactions.Row(userIndex);
        ReadOnlySpan<float> entries = _interactions.RowValues(userIndex);
        for (int k = 0; k < itemIndices.Length; k++)
        {
            float sum = 0;
            for (int r = 0; r < rated.Length; r++)
            {
                sum = MathF.FusedMultiplyAdd(entries[r], _weights.GetRow(rated[r])[itemIndices[k]], sum);
            }

            scores[k] = sum;
        }
    }

    /// <summary>The entry a rating puts into X, computed as training computed it.</summary>
    internal float EntryOf(float rating) => Weighting == InteractionWeighting.Binary ? 1f : rating / _domain.Scale.Max;

    /// <summary>The cold-start scores: each item's training interaction count.</summary>
    internal void ScoreColdStart(Span<float> scores) => _popularity.CopyTo(scores);

    /// <summary>A user's scores from their row of X: Σ_j x_uj·(row j of B), in the order given.</summary>
    internal void SumRows(ReadOnlySpan<int> items, ReadOnlySpan<float> entries, Span<float> scores)
    {
        scores.Clear();
        for (int r = 0; r < items.Length; r++)
        {
            TensorPrimitives.FusedMultiplyAdd(_weights.GetRow(items[r]), entries[r], scores, scores);
        }
    }

    /// <summary>
    /// Computes the training users' score rows when they fit (see the remarks), once the weights
    /// are final: when the model is loaded, or after the trainer fills B.
    /// </summary>
    /// <param name="threads">Threads to use.</param>
    /// <param name="budget">Floats the rows may take even when B is smaller; tests lower it to check the other path.</param>
    internal void PrecomputeUserScores(int threads, long budget = UserScoreBudget)
    {
        int users = Users.Count, items = Items.Count;
        long size = (long)users * items;
        if (size > Math.Max((long)items * items, budget))
        {
            _userScores = null;
            return;
        }

        var rows = new float[size];

        // Column tiles of B small enough for the cache, every user summed per tile: B is read from
        // memory once instead of once per interaction. Each score is still the same chain of fused
        // multiply-adds, element by element, so it equals the whole-row sum to the bit.
        const int Tile = 512;
        int tiles = Math.Max(1, items / Tile);
        Parallel.For(0, tiles, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(threads, 1) }, t =>
        {
            int start = t * Tile;
            int length = t == tiles - 1 ? items - start : Tile;
            for (int u = 0; u < users; u++)
            {
                Span<float> target = rows.AsSpan((u * items) + start, length);
                ReadOnlySpan<int> rated = _interactions.Row(u);
                ReadOnlySpan<float> entries = _interactions.RowValues(u);
                for (int r = 0; r < rated.Length; r++)
                {
                    TensorPrimitives.FusedMultiplyAdd(_weights.GetRow(rated[r]).Slice(start, length), entries[r], target, target);
                }
            }
        });
        _userScores = rows;
    }
}
