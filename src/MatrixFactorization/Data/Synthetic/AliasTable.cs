using System.Runtime.CompilerServices;
using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data.Synthetic;

/// <summary>Walker's alias method (Vose's construction): O(1) draws from a fixed discrete distribution.</summary>
internal sealed class AliasTable
{
    // Threshold and alias side by side: a draw touches one cache line, not two.
    private readonly Column[] _columns;

    public AliasTable(ReadOnlySpan<double> weights)
    {
        int n = weights.Length;
        double total = 0;
        foreach (double w in weights)
        {
            total += w;
        }

        var scaled = new double[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int k = 0; k < n; k++)
        {
            scaled[k] = weights[k] * n / total;
            (scaled[k] < 1 ? small : large).Push(k);
        }

        _columns = new Column[n];
        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop(), l = large.Peek();
            _columns[s] = new Column((uint)Math.Min(uint.MaxValue, Math.Round(scaled[s] * (1UL << 32))), l);
            scaled[l] -= 1 - scaled[s];
            if (scaled[l] < 1)
            {
                small.Push(large.Pop());
            }
        }

        // What is left is 1 up to rounding: such columns alias themselves, so the coin does not matter.
        foreach (int k in small.Concat(large))
        {
            _columns[k] = new Column(uint.MaxValue, k);
        }
    }

    /// <summary>Draws an index: the high 32 bits of one random word pick the column, the low 32 bits toss its coin.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Sample(ref SeededRandom random)
    {
        ulong bits = random.NextUInt64();
        int index = (int)(((bits >> 32) * (ulong)_columns.Length) >> 32);
        Column column = _columns[index];
        return (uint)bits < column.Threshold ? index : column.Alias;
    }

    private readonly record struct Column(uint Threshold, int Alias);
}
