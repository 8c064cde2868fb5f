using System.Numerics;
using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data.Synthetic;

/// <summary>
/// Draws a user's distinct items with probability proportional to item popularity (successive
/// sampling without replacement), in ascending item order.
/// </summary>
/// <remarks>
/// Most users rate few items, and for them drawing with replacement from an alias table and
/// skipping repeats is fastest. Under skewed popularity a heavier user would spend most draws on
/// repeats of the top items, so once half the draws are wasted the rest come from a sum tree
/// with the chosen items' weights set to zero; both steps draw the next item with probability
/// proportional to weight among the items not chosen yet, so the switch does not change what is
/// being sampled. Users who rate a large share of all items skip straight to exponential keys,
/// which sample the same distribution in time proportional to the item count.
/// </remarks>
internal sealed class ItemSampler
{
    private readonly AliasTable _alias;
    private readonly SumTree _tree;
    private readonly double[] _weights;

    // Users rating at least 1/HeavyShare of the items use exponential keys; their O(items) cost
    // then stays within a few dozen operations per rating drawn.
    private const int HeavyShare = 8;

    public ItemSampler(double[] weights)
    {
        _weights = weights;
        _alias = new AliasTable(weights);
        _tree = new SumTree(weights);
    }

    public int ItemCount => _weights.Length;

    /// <summary>Per-thread state: a bitset of the items chosen for the current user, and a private sum tree.</summary>
    public Scratch CreateScratch() => new(ItemCount);

    /// <summary>Fills <paramref name="items"/> with distinct items, ascending.</summary>
    public void Sample(ref SeededRandom random, Span<int> items, Scratch scratch)
    {
        int count = items.Length;
        int n = ItemCount;
        if (count == 0)
        {
            return;
        }

        if (count == n)
        {
            for (int k = 0; k < n; k++)
            {
                items[k] = k;
            }

            return;
        }

        // A bitset rather than a marker per item: for 100,000 items it is 12.5 KB and stays in L1.
        ulong[] chosenBits = scratch.Chosen;
        if (count >= n / HeavyShare)
        {
            ExponentialKeys.Sample(ref random, _weights, count, scratch.Keys, scratch.Work, chosenBits);
            Collect(chosenBits, items);
            return;
        }

        int chosen = 0;
        long budget = (2L * count) + 16;
        for (long draws = 0; chosen < count && draws < budget; draws++)
        {
            int item = _alias.Sample(ref random);
            ulong bit = 1UL << item;
            ref ulong word = ref chosenBits[item >> 6];
            if ((word & bit) == 0)
            {
                word |= bit;
                items[chosen++] = item;
            }
        }

        if (chosen < count)
        {
            SampleRest(ref random, items, chosen, scratch);
        }

        // Reading the bitset in order is cheaper than sorting once a user rates a large share of
        // the items; either way the bitset is left clear for the next user.
        if ((double)count * Math.Log2(count + 1) > n / 16.0)
        {
            Collect(chosenBits, items);
        }
        else
        {
            foreach (int item in items)
            {
                chosenBits[item >> 6] = 0;
            }

            items.Sort();
        }
    }

    /// <summary>Lists the set bits in ascending order, clearing them.</summary>
    private static void Collect(ulong[] chosenBits, Span<int> items)
    {
        int w = 0;
        for (int k = 0; k < chosenBits.Length; k++)
        {
            ulong word = chosenBits[k];
            chosenBits[k] = 0;
            while (word != 0)
            {
                items[w++] = (k << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
            }
        }
    }

    private void SampleRest(ref SeededRandom random, Span<int> items, int chosen, Scratch scratch)
    {
        SumTree tree = scratch.Tree ??= _tree.Clone();
        for (int k = 0; k < chosen; k++)
        {
            tree.Set(items[k], 0);
        }

        while (chosen < items.Length)
        {
            int item = tree.Sample(ref random);
            if (item >= 0)
            {
                tree.Set(item, 0);
                scratch.Chosen[item >> 6] |= 1UL << item;
                items[chosen++] = item;
            }
        }

        foreach (int item in items)
        {
            tree.Set(item, _weights[item]);
        }
    }

    /// <summary>Reusable per-thread buffers, left clear (bitset) and pristine (tree) after every user.</summary>
    internal sealed class Scratch(int items)
    {
        private double[]? _keys;
        private double[]? _work;

        public ulong[] Chosen { get; } = new ulong[(items + 63) >> 6];

        public SumTree? Tree { get; set; }

        public double[] Keys => _keys ??= new double[items];

        public double[] Work => _work ??= new double[items];
    }
}
