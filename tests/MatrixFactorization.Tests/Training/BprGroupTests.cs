using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public sealed class BprGroupTests
{
    [Fact]
    public void A_group_ends_before_the_first_triple_that_shares_an_item_with_an_earlier_one()
    {
        var rng = new Random(7);
        for (int trial = 0; trial < 2000; trial++)
        {
            // Few distinct items, so groups end at every position; negatives include −1.
            (InteractionPair[] pairs, int[] slots) = RandomTriples(rng, count: rng.Next(1, 20), span: rng.Next(2, 40));
            int count = pairs.Length;

            int t = rng.Next(count);
            int n = Math.Min(BprGroups.Size, rng.Next(1, count - t + 1));
            int expected = Expected(pairs, slots, t, n);
            BprGroups.Length(ref pairs[0], ref slots[0], t, n, count).Should().Be(expected, $"trial {trial}");
            BprGroups.LengthScalar(ref pairs[0], ref slots[0], t, n).Should().Be(expected, $"trial {trial} (scalar)");
            if (System.Runtime.Intrinsics.X86.Avx2.IsSupported && t + BprGroups.Size <= count)
            {
                BprGroups.LengthComparing(ref pairs[0], ref slots[0], t, n).Should().Be(expected, $"trial {trial} (AVX2)");
            }
        }
    }

    [Fact]
    public void A_group_of_up_to_sixteen_ends_before_the_first_clash_with_any_earlier_triple()
    {
        // Sixteen-triple groups exist with AVX-512's conflict detection and with AVX2's compares;
        // elsewhere they end at eight, which the rule below gives too once n is capped there.
        int largest = System.Runtime.Intrinsics.X86.Avx2.IsSupported ? BprGroups.Largest : BprGroups.Size;
        var rng = new Random(8);
        for (int trial = 0; trial < 4000; trial++)
        {
            // From clashes at every position (few items) to none at all (many).
            (InteractionPair[] pairs, int[] slots) = RandomTriples(rng, count: rng.Next(1, 40), span: rng.Next(2, 400));
            int count = pairs.Length;

            int t = rng.Next(count);
            int n = Math.Min(BprGroups.Largest, rng.Next(1, count - t + 1));
            int expected = t + BprGroups.Largest > count
                ? Expected(pairs, slots, t, Math.Min(n, BprGroups.Size))
                : Expected(pairs, slots, t, Math.Min(n, largest));
            BprGroups.LengthOfTwo(ref pairs[0], ref slots[0], t, n, count).Should().Be(expected, $"trial {trial}");
        }
    }

    [Fact]
    public void A_group_of_distinct_items_is_as_long_as_asked()
    {
        var pairs = Enumerable.Range(0, 12).Select(k => new InteractionPair(k / 6, k)).ToArray();
        int[] slots = [.. Enumerable.Range(100, 12)];
        BprGroups.Length(ref pairs[0], ref slots[0], 2, BprGroups.Size, pairs.Length).Should().Be(BprGroups.Size);
        BprGroups.Length(ref pairs[0], ref slots[0], 0, 5, pairs.Length).Should().Be(5);

        // A triple whose negative is its own positive clashes with no earlier triple.
        slots[3] = 3;
        BprGroups.Length(ref pairs[0], ref slots[0], 0, BprGroups.Size, pairs.Length).Should().Be(BprGroups.Size);

        // Triple 6 draws triple 2's positive as its negative: the group from 0 holds 0–5.
        slots[6] = 2;
        BprGroups.Length(ref pairs[0], ref slots[0], 0, BprGroups.Size, pairs.Length).Should().Be(6);
        BprGroups.Length(ref pairs[0], ref slots[0], 3, BprGroups.Size, pairs.Length).Should().Be(BprGroups.Size);
    }

    /// <summary><paramref name="count"/> triples of three users over items below <paramref name="span"/>, one negative in ten missing (−1).</summary>
    private static (InteractionPair[] Pairs, int[] Slots) RandomTriples(Random rng, int count, int span)
    {
        var pairs = new InteractionPair[count];
        var slots = new int[count];
        for (int k = 0; k < count; k++)
        {
            pairs[k] = new InteractionPair(rng.Next(3), rng.Next(span));
            slots[k] = rng.Next(10) == 0 ? -1 : rng.Next(span);
        }

        return (pairs, slots);
    }

    // Written out: the first b with an item among the earlier triples' items, else n; at least one.
    private static int Expected(InteractionPair[] pairs, int[] slots, int t, int n)
    {
        var seen = new HashSet<int>();
        for (int b = 0; b < n; b++)
        {
            int positive = pairs[t + b].Item, negative = slots[t + b];
            if (b > 0 && (seen.Contains(positive) || seen.Contains(negative)))
            {
                return b;
            }

            seen.Add(positive);
            seen.Add(negative);
        }

        return n;
    }
}
