using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Training;

/// <summary>
/// The accumulator pairs of a rating's user and item as one vector, lanes p, b_u, q, b_i. Each pair
/// is read with one 64-bit load and written with one 64-bit store: the next update of the same user
/// follows within a few ratings, and a load that spans two separate stores still in flight cannot
/// take its value from them, but waits until they reach the cache.
/// </summary>
internal static class AccumulatorPairs
{
    /// <summary>A mask of the lanes of the rows' sums, 0 and 2 (the biases' lanes cleared).</summary>
    public static Vector128<float> RowLanes => Vector128.Create(-1, 0, -1, 0).AsSingle();

    /// <summary>Both pairs, the user's in the low half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float user, ref float item) =>
        Vector128.Create(Unsafe.ReadUnaligned<double>(ref Unsafe.As<float, byte>(ref user)), Unsafe.ReadUnaligned<double>(ref Unsafe.As<float, byte>(ref item))).AsSingle();

    /// <summary>Writes the low half of <paramref name="sums"/> to the user's pair and the high half to the item's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ref float user, ref float item, Vector128<float> sums)
    {
        Vector128<double> pairs = sums.AsDouble();
        Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref user), pairs.GetElement(0));
        Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref item), pairs.GetElement(1));
    }
}
