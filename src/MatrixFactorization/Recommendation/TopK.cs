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

    /// <summary>
    /// Offers every candidate of <paramref name="scores"/> in ascending index order. NaN and
    /// negative infinity mark excluded candidates and are skipped.
    /// </summary>
    public void OfferAll(ReadOnlySpan<float> scores, Predicate<int>? filter)
    {
        int capacity = _indices.Length;
        if (capacity == 0)
        {
            return;
        }

        for (int i = 0; i < scores.Length; i++)
        {
            float s = scores[i];

            // In ascending order a later candidate with an equal score has a higher index and
            // loses the tie, so "not better than the root" is a plain <= test.
            if (!(s > float.NegativeInfinity) || (_count == capacity && s <= _scores[0]))
            {
                continue;
            }

            if (filter is not null && !filter(i))
            {
                continue;
            }

            Offer(i, s);
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
