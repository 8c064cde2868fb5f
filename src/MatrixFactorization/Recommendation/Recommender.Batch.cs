using System.Buffers;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Recommendation;

public sealed partial class Recommender
{
    // Users scored together against each tile of items, and items per tile. A tile of 256 rows
    // at k = 64 is 64 KB, so it stays in cache while every user of the group is scored against
    // it: the item matrix is read from memory once per group instead of once per user.
    private const int GroupSize = 32;
    private const int TileRows = 256;

    private FactorMatrix[]? _itemTiles;

    /// <summary>
    /// Recommends for many users in parallel. The output is the same as calling
    /// <see cref="Recommend(int, int, bool, Predicate{int})"/> for each user in turn, whatever the
    /// number of threads.
    /// </summary>
    /// <param name="users">Dense user indices.</param>
    /// <param name="count">How many items per user at most.</param>
    /// <param name="excludeRated">Leave out the items each user already rated.</param>
    /// <param name="filter">Keeps only items for which it returns <see langword="true"/>; must be thread-safe.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; 0 for one per processor.</param>
    /// <returns>One list per user, in the order of <paramref name="users"/>.</returns>
    public ScoredItem[][] RecommendMany(
        IReadOnlyList<int> users, int count, bool excludeRated = true, Predicate<int>? filter = null, int maxDegreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDegreeOfParallelism);
        var results = new ScoredItem[users.Count][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism == 0 ? Environment.ProcessorCount : maxDegreeOfParallelism };
        int groups = (users.Count + GroupSize - 1) / GroupSize;

        // Each result lands in its own slot, so the output does not depend on scheduling.
        Parallel.For(0, groups, options, g =>
        {
            int start = g * GroupSize;
            RecommendGroup(users, start, Math.Min(GroupSize, users.Count - start), count, excludeRated, filter, results);
        });
        return results;
    }

    private void RecommendGroup(IReadOnlyList<int> users, int start, int length, int count, bool excludeRated, Predicate<int>? filter, ScoredItem[][] results)
    {
        if (Parameters.UserFactors is null)
        {
            for (int k = start; k < start + length; k++)
            {
                results[k] = Recommend(users[k], count, excludeRated, filter);
            }

            return;
        }

        int items = Parameters.ItemCount;
        FactorMatrix[] tiles = LazyInitializer.EnsureInitialized(ref _itemTiles, () => Tile(Parameters.ItemFactors!));
        float[] buffer = ArrayPool<float>.Shared.Rent(length * items);
        try
        {
            // Tile by tile, every known user of the group.
            int tileStart = 0;
            foreach (FactorMatrix tile in tiles)
            {
                for (int k = 0; k < length; k++)
                {
                    int user = users[start + k];
                    if (Parameters.IsKnownUser(user))
                    {
                        FactorKernels.ScoreAll(Parameters.UserFactors.Row(user), tile, buffer.AsSpan((k * items) + tileStart, tile.Rows));
                    }
                }

                tileStart += tile.Rows;
            }

            for (int k = 0; k < length; k++)
            {
                int user = users[start + k];
                if (!Parameters.IsKnownUser(user))
                {
                    results[start + k] = Recommend(user, count, excludeRated, filter);
                    continue;
                }

                Span<float> scores = buffer.AsSpan(k * items, items);
                Parameters.MaskUnknownItems(scores);
                if (excludeRated)
                {
                    _rated?.Exclude(user, scores);
                }

                // The tiles' scores can differ from the exact dot product in the last bits, so the
                // candidates are rescored as in Recommend, which makes the two agree exactly.
                ReadOnlySpan<float> vector = Parameters.UserFactors.Row(user);
                float offset = Parameters.UserBiases is null ? 0 : Parameters.GlobalMean + Parameters.UserBiases[user];
                results[start + k] = Select(scores, offset, count, filter, vector, Parameters.ExactScoreError(vector));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private static FactorMatrix[] Tile(FactorMatrix items)
    {
        var tiles = new FactorMatrix[(items.Rows + TileRows - 1) / TileRows];
        for (int t = 0; t < tiles.Length; t++)
        {
            int first = t * TileRows;
            var tile = new FactorMatrix(Math.Min(TileRows, items.Rows - first), items.Columns);
            for (int r = 0; r < tile.Rows; r++)
            {
                items.Row(first + r).CopyTo(tile.Row(r));
            }

            tiles[t] = tile;
        }

        return tiles;
    }
}
