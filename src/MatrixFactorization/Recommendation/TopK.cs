using System.Numerics;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// Keeps the <c>k</c> best (score, index) pairs seen so far in a bounded min-heap whose root is
/// the worst kept pair, so a scan of n candidates costs O(n log k) and rejects most candidates
/// with one comparison. Higher scores win; equal scores go to the lower index, which makes the
/// result independent of scan order.
/// </summary>
internal ref struct TopK
{
    private readonly Span<int> _indices;
    private readonly Span<float> _scores;
    private int _count;

    public TopK(Span<int> indices, Span<float> scores)
    {
        _indices = indices;
        _scores = scores;
        _count = 0;
    }

    public readonly int Count => _count;

    /// <summary>Whether the heap holds as many pairs as it has room for.</summary>
    public readonly bool IsFull => _count == _indices.Length;

    /// <summary>The worst kept score: the one a candidate must beat once the heap is full.</summary>
    public readonly float Worst => _scores[0];

    /// <summary>The best kept score, by a scan of the heap (it is kept in no particular place).</summary>
    public readonly float Best
    {
        get
        {
            float best = float.NegativeInfinity;
            foreach (float score in _scores[.._count])
            {
                best = Math.Max(best, score);
            }

            return best;
        }
    }

    /// <summary>Empties the heap, for a second scan into the same spans.</summary>
    public void Clear() => _count = 0;

    /// <summary>
    /// Offers every candidate <c>scores[i] + addend[i]</c> (just <c>scores[i]</c> when
    /// <paramref name="addend"/> is empty) in ascending index order. NaN and negative infinity mark
    /// excluded candidates and are skipped.
    /// </summary>
    public void OfferAll(ReadOnlySpan<float> scores, ReadOnlySpan<float> addend, Predicate<int>? filter)
    {
        if (_indices.Length == 0)
        {
            return;
        }

        bool add = addend.Length != 0;
        if (add && addend.Length != scores.Length)
        {
            throw new ArgumentException("The addend must be empty or as long as the scores.", nameof(addend));
        }

        int width = Vector<float>.Count;
        int i = 0;
        for (; i <= scores.Length - width; i += width)
        {
            // Once the heap is full, most blocks hold nothing better than its worst entry: one
            // vector comparison rejects the whole block.
            var block = new Vector<float>(scores[i..]);
            if (add)
            {
                block += new Vector<float>(addend[i..]);
            }

            if (!Vector.GreaterThanAny(block, new Vector<float>(Threshold)))
            {
                continue;
            }

            for (int j = i; j < i + width; j++)
            {
                OfferScanned(j, add ? scores[j] + addend[j] : scores[j], filter);
            }
        }

        for (; i < scores.Length; i++)
        {
            OfferScanned(i, add ? scores[i] + addend[i] : scores[i], filter);
        }
    }

    /// <summary>Offers one candidate.</summary>
    public void Offer(int index, float score)
    {
        if (_count < _indices.Length)
        {
            int child = _count++;
            _indices[child] = index;
            _scores[child] = score;
            SiftUp(child);
        }
        else if (Worse(_scores[0], _indices[0], score, index))
        {
            _indices[0] = index;
            _scores[0] = score;
            SiftDown(0);
        }
    }

    /// <summary>
    /// Heap-sorts the kept pairs in place, best first, in the spans given to the constructor;
    /// returns how many there are. The heap is empty afterwards.
    /// </summary>
    public int DrainSorted()
    {
        int kept = _count;
        while (_count > 1)
        {
            // The root is the worst of what is left, so it goes to the back.
            _count--;
            Swap(0, _count);
            SiftDown(0);
        }

        _count = 0;
        return kept;
    }

    // Anything not above this cannot enter: the worst kept score once full, otherwise -∞ (which
    // also keeps -∞ and NaN out, as neither compares greater).
    private readonly float Threshold => _count == _indices.Length ? _scores[0] : float.NegativeInfinity;

    private void OfferScanned(int index, float score, Predicate<int>? filter)
    {
        // In ascending order a later candidate with an equal score has a higher index and loses
        // the tie, so "not above the threshold" rejects it.
        if (score > Threshold && (filter is null || filter(index)))
        {
            Offer(index, score);
        }
    }

    private static bool Worse(float scoreA, int indexA, float scoreB, int indexB) =>
        scoreA < scoreB || (scoreA == scoreB && indexA > indexB);

    private readonly void SiftUp(int child)
    {
        while (child > 0)
        {
            int parent = (child - 1) >> 1;
            if (!Worse(_scores[child], _indices[child], _scores[parent], _indices[parent]))
            {
                break;
            }

            Swap(child, parent);
            child = parent;
        }
    }

    private readonly void SiftDown(int parent)
    {
        while (true)
        {
            int left = (2 * parent) + 1;
            if (left >= _count)
            {
                return;
            }

            int worst = left;
            int right = left + 1;
            if (right < _count && Worse(_scores[right], _indices[right], _scores[left], _indices[left]))
            {
                worst = right;
            }

            if (!Worse(_scores[worst], _indices[worst], _scores[parent], _indices[parent]))
            {
                return;
            }

            Swap(parent, worst);
            parent = worst;
        }
    }

    private readonly void Swap(int a, int b)
    {
        (_indices[a], _indices[b]) = (_indices[b], _indices[a]);
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
    }
}
