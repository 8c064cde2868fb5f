using MatrixFactorization.Foundation;

namespace MatrixFactorization.Training;

/// <summary>Assigns users or items to the blocks of a grid: a seeded random permutation cut into even parts, so popular ones do not pile into one block.</summary>
internal static class BlockAssignment
{
    /// <summary>The block of each of <paramref name="count"/> indices, in [0, <paramref name="size"/>).</summary>
    public static int[] Cut(int count, int size, SplitMix64 rng)
    {
        var block = new int[count];
        Cut(block, new int[count], size, rng);
        return block;
    }

    /// <summary>Writes the block of each index to <paramref name="block"/>, using <paramref name="order"/> (as long) as scratch.</summary>
    public static void Cut(Span<int> block, Span<int> order, int size, SplitMix64 rng)
    {
        int count = block.Length;
        for (int k = 0; k < count; k++)
        {
            order[k] = k;
        }

        rng.Shuffle(order[..count]);
        for (int rank = 0; rank < count; rank++)
        {
            block[order[rank]] = (int)((long)rank * size / Math.Max(1, count));
        }
    }
}
