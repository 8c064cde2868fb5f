using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MatrixFactorization.Training;

/// <summary>
/// Finds the groups of a run's triples that <see cref="BprRuns"/> may weigh together: consecutive
/// triples none of which touches an item row (or bias) an earlier one of the group steps.
/// </summary>
/// <remarks>
/// Within a run the user's row is fixed, so a triple's score difference depends only on its two
/// item rows and biases. If no earlier triple of the group steps those, the difference computed
/// before the group's steps equals the one computed after them, and the group's weights can be
/// taken together (one exponential and one division for all) with every bit as in the triple-by-
/// triple order. A triple that shares an item with an earlier one starts the next group instead.
/// </remarks>
internal static class BprGroups
{
    /// <summary>The triples weighed by one 256-bit vector of weights: the most in a group found by <see cref="Length"/>.</summary>
    public const int Size = 8;

    /// <summary>The most triples in a group found by <see cref="LengthOfTwo"/>: two vectors of weights.</summary>
    public const int Largest = 2 * Size;

    /// <summary>
    /// The scratch a run kernel needs for one group, in ints: the negatives, the gains and the
    /// score differences (<see cref="Largest"/> each), then four partial sums per triple.
    /// </summary>
    public const int ScratchLength = (3 * Largest) + (4 * Largest);

    // For lane 2b and 2b + 1 (the negative and the positive of triple b), the lanes of the triples before b.
    private static readonly Vector512<int> Earlier = Vector512.Create(
        0, 0, 0x3, 0x3, 0xF, 0xF, 0x3F, 0x3F, 0xFF, 0xFF, 0x3FF, 0x3FF, 0xFFF, 0xFFF, 0x3FFF, 0x3FFF);

    /// <summary>
    /// How many of the triples [<paramref name="t"/>, <paramref name="t"/> + <paramref name="n"/>)
    /// (1 ≤ n ≤ <see cref="Size"/>) form a group from the first: at least one, and none past the
    /// first triple whose positive or negative is an item of an earlier triple of the group.
    /// </summary>
    /// <param name="pairs">The block's interactions.</param>
    /// <param name="slots">The block's negatives (−1: none; such triples share "item" −1 and so split too, harmlessly).</param>
    /// <param name="t">The group's first triple.</param>
    /// <param name="n">The most triples wanted.</param>
    /// <param name="count">The block's triple count: nothing at or past it is read.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Length(ref InteractionPair pairs, ref int slots, int t, int n, int count)
    {
        if (Avx512CD.IsSupported && t + Size <= count)
        {
            // SAFETY: t + Size <= count, so the eight pairs and slots from t are the block's.
            Vector512<int> clashes = Avx512CD.DetectConflicts(Items(ref pairs, ref slots, t)) & Earlier;
            uint lanes = (uint)Vector512.ExtractMostSignificantBits(~Vector512.Equals(clashes, Vector512<int>.Zero));
            int first = lanes == 0 ? Size : System.Numerics.BitOperations.TrailingZeroCount(lanes) >> 1;
            return Math.Max(1, Math.Min(first, n));
        }

        if (Avx2.IsSupported && t + Size <= count)
        {
            return LengthComparing(ref pairs, ref slots, t, n);
        }

        return LengthScalar(ref pairs, ref slots, t, n);
    }

    /// <summary>
    /// <see cref="Length"/> for up to <see cref="Largest"/> triples (1 ≤ n ≤ <see cref="Largest"/>),
    /// on AVX-512 and AVX2: past the first eight, a triple joins while neither of its items is an
    /// item of an earlier triple of the group, among the second eight or the first. Without AVX2,
    /// or with fewer than sixteen triples left in the block, groups end at eight.
    /// </summary>
    /// <remarks>
    /// Conflict detection compares the lanes of one vector: the second eight triples' sixteen items
    /// are checked among themselves in one, and against the first eight's in four more, each
    /// pairing a half of those with a half of these, where a lane of the upper half finds its
    /// equals among the lower half's lanes in the low eight bits of its result.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LengthOfTwo(ref InteractionPair pairs, ref int slots, int t, int n, int count)
    {
        int first = Length(ref pairs, ref slots, t, Math.Min(n, Size), count);
        if (first < Size || n <= Size || t + Largest > count)
        {
            return first;
        }

        if (!Avx512CD.IsSupported)
        {
            return Avx2.IsSupported ? Size + LaterComparing(ref pairs, ref slots, t, n - Size) : first;
        }

        // SAFETY: t + Largest <= count, so the sixteen pairs and slots from t are the block's.
        Vector512<int> earlier = Items(ref pairs, ref slots, t), later = Items(ref pairs, ref slots, t + Size);
        Vector512<int> inside = Avx512CD.DetectConflicts(later) & Earlier;
        Vector512<int> firstHalf = Avx512CD.DetectConflicts(Vector512.Create(earlier.GetLower(), later.GetLower()))
            | Avx512CD.DetectConflicts(Vector512.Create(earlier.GetUpper(), later.GetLower()));
        Vector512<int> secondHalf = Avx512CD.DetectConflicts(Vector512.Create(earlier.GetLower(), later.GetUpper()))
            | Avx512CD.DetectConflicts(Vector512.Create(earlier.GetUpper(), later.GetUpper()));
        Vector512<int> lowLanes = Vector512.Create(0xFF);
        uint lanes = (uint)Vector512.ExtractMostSignificantBits(~Vector512.Equals(inside, Vector512<int>.Zero))
            | ((uint)Vector512.ExtractMostSignificantBits(~Vector512.Equals(firstHalf & lowLanes, Vector512<int>.Zero)) >> Size)
            | ((uint)Vector512.ExtractMostSignificantBits(~Vector512.Equals(secondHalf & lowLanes, Vector512<int>.Zero)) & 0xFF00);
        int later8 = lanes == 0 ? Size : System.Numerics.BitOperations.TrailingZeroCount(lanes) >> 1;
        return Size + Math.Min(later8, n - Size);
    }

    /// <summary>The items of the eight triples from <paramref name="t"/>, lanes (negative, positive) for each: the pairs (user, item) with the user replaced.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Items(ref InteractionPair pairs, ref int slots, int t)
    {
        // SAFETY: the callers check that the eight pairs and slots from t are the block's.
        Vector512<int> users = Vector512.LoadUnsafe(ref Unsafe.As<InteractionPair, int>(ref Unsafe.Add(ref pairs, t)));
        Vector512<int> negatives = Avx512F.ConvertToVector512Int64(Vector256.LoadUnsafe(ref Unsafe.Add(ref slots, t))).AsInt32();
        return Vector512.ConditionalSelect(Vector512.Create(0xFFFFFFFFL).AsInt32(), negatives, users);
    }

    /// <summary>
    /// <see cref="Length"/> without conflict detection (AVX2): each triple's two items compared
    /// with all eight triples' items at once, four vector compares where the scalar loop makes four
    /// compares and a branch for every earlier triple. The caller checks that the eight pairs and
    /// slots from <paramref name="t"/> are the block's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int LengthComparing(ref InteractionPair pairs, ref int slots, int t, int n)
    {
        // SAFETY: the caller checks that the eight pairs and slots from t are the block's.
        Vector256<int> positives = Positives(ref pairs, t);
        Vector256<int> negatives = Vector256.LoadUnsafe(ref Unsafe.Add(ref slots, t));
        for (int b = 1; b < n; b++)
        {
            uint clashes = Clashes(positives, negatives, Unsafe.Add(ref pairs, t + b).Item, Unsafe.Add(ref slots, t + b));
            if ((clashes & ((1u << b) - 1)) != 0)
            {
                return b;
            }
        }

        return n;
    }

    /// <summary>
    /// How many of the <paramref name="n"/> triples from <paramref name="t"/> + <see cref="Size"/>
    /// join a full first eight from <paramref name="t"/> (AVX2): each compared with all of the
    /// first eight's items and those of the second eight before it. The caller checks that the
    /// sixteen pairs and slots from t are the block's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LaterComparing(ref InteractionPair pairs, ref int slots, int t, int n)
    {
        // SAFETY: the caller checks that the sixteen pairs and slots from t are the block's.
        Vector256<int> earlierPositives = Positives(ref pairs, t), earlierNegatives = Vector256.LoadUnsafe(ref Unsafe.Add(ref slots, t));
        Vector256<int> laterPositives = Positives(ref pairs, t + Size), laterNegatives = Vector256.LoadUnsafe(ref Unsafe.Add(ref slots, t + Size));
        for (int b = 0; b < n; b++)
        {
            int positive = Unsafe.Add(ref pairs, t + Size + b).Item, negative = Unsafe.Add(ref slots, t + Size + b);
            uint earlier = Clashes(earlierPositives, earlierNegatives, positive, negative);
            uint later = Clashes(laterPositives, laterNegatives, positive, negative);
            if ((earlier | (later & ((1u << b) - 1))) != 0)
            {
                return b;
            }
        }

        return n;
    }

    /// <summary>The lanes of eight triples (their <paramref name="positives"/> and <paramref name="negatives"/>) that hold <paramref name="positive"/> or <paramref name="negative"/>, as bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Clashes(Vector256<int> positives, Vector256<int> negatives, int positive, int negative)
    {
        Vector256<int> p = Vector256.Create(positive), q = Vector256.Create(negative);
        return (Vector256.Equals(positives, p) | Vector256.Equals(negatives, p) | Vector256.Equals(positives, q) | Vector256.Equals(negatives, q))
            .ExtractMostSignificantBits();
    }

    /// <summary>The positive items of the eight pairs from <paramref name="t"/>, in order: the odd ints of the pairs (user, item).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Positives(ref InteractionPair pairs, int t)
    {
        // SAFETY: the callers check that the eight pairs from t are the block's.
        ref int first = ref Unsafe.As<InteractionPair, int>(ref Unsafe.Add(ref pairs, t));
        Vector256<int> low = Vector256.LoadUnsafe(ref first), high = Vector256.LoadUnsafe(ref first, 8);

        // Within each 128-bit half the shuffle takes items 0, 1, 4, 5 and 2, 3, 6, 7; the
        // permutation of 64-bit pairs puts them in order.
        Vector256<int> mixed = Avx.Shuffle(low.AsSingle(), high.AsSingle(), 0xDD).AsInt32();
        return Avx2.Permute4x64(mixed.AsInt64(), 0xD8).AsInt32();
    }

    /// <summary><see cref="Length"/> by comparing each triple's items with the earlier ones'.</summary>
    // Inlined: a call in the run loop would make the caller keep its vectors in memory around it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int LengthScalar(ref InteractionPair pairs, ref int slots, int t, int n)
    {
        for (int b = 1; b < n; b++)
        {
            // SAFETY: t + n is within the run, so within the block.
            int positive = Unsafe.Add(ref pairs, t + b).Item, negative = Unsafe.Add(ref slots, t + b);
            for (int a = 0; a < b; a++)
            {
                int earlierPositive = Unsafe.Add(ref pairs, t + a).Item, earlierNegative = Unsafe.Add(ref slots, t + a);
                if (positive == earlierPositive || positive == earlierNegative || negative == earlierPositive || negative == earlierNegative)
                {
                    return b;
                }
            }
        }

        return n;
    }
}
