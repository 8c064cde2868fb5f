using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data.Synthetic;

/// <summary>
/// A complete binary tree of partial weight sums: O(log n) draws proportional to weight, and O(log n)
/// weight changes, which is what drawing without replacement needs when rejection gets too slow.
/// </summary>
/// <remarks>
/// Every inner node is recomputed as the sum of its two children rather than adjusted by a
/// difference, so setting weights back restores the tree bit for bit and no rounding drift
/// builds up over millions of users.
/// </remarks>
internal sealed class SumTree
{
    private readonly double[] _nodes;
    private readonly int _leaves;

    public SumTree(ReadOnlySpan<double> weights)
    {
        _leaves = (int)Math.Max(1, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)weights.Length));
        _nodes = new double[2 * _leaves];
        weights.CopyTo(_nodes.AsSpan(_leaves));
        for (int node = _leaves - 1; node >= 1; node--)
        {
            _nodes[node] = _nodes[2 * node] + _nodes[(2 * node) + 1];
        }
    }

    private SumTree(SumTree other)
    {
        _leaves = other._leaves;
        _nodes = (double[])other._nodes.Clone();
    }

    public SumTree Clone() => new(this);

    public double Weight(int index) => _nodes[_leaves + index];

    public void Set(int index, double weight)
    {
        int node = _leaves + index;
        _nodes[node] = weight;
        for (node >>= 1; node >= 1; node >>= 1)
        {
            _nodes[node] = _nodes[2 * node] + _nodes[(2 * node) + 1];
        }
    }

    /// <summary>Draws an index with probability proportional to its weight; -1 when rounding lands on an empty leaf.</summary>
    public int Sample(ref SeededRandom random)
    {
        double target = random.NextDouble() * _nodes[1];
        int node = 1;
        while (node < _leaves)
        {
            double left = _nodes[2 * node];
            if (target < left)
            {
                node = 2 * node;
            }
            else
            {
                target -= left;
                node = (2 * node) + 1;
            }
        }

        return _nodes[node] > 0 ? node - _leaves : -1;
    }
}
