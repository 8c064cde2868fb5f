namespace MatrixFactorization.Data.Readers;

/// <summary>
/// What the fast path made of a block of lines, before any id is mapped: raw ids, ratings and
/// timestamps of the lines it understood, and the byte offsets of the lines it left to the
/// careful path. Holding raw ids is what lets blocks be parsed on other threads: dense indices
/// depend on the order ids are first seen, so they are assigned when the blocks are taken in
/// file order.
/// </summary>
internal sealed class ParsedBlock
{
    // The shortest line the fast path accepts is "1 1 1\n", so a block holds at most this many
    // ratings per byte; sizing for it once means the parse loop never checks for room.
    private const int ShortestLine = 6;
    private int[] _carefulLines = new int[16];
    private int[] _carefulBefore = new int[16];

    public long[] Users { get; private set; } = [];

    public long[] Items { get; private set; } = [];

    public float[] Values { get; private set; } = [];

    /// <summary>Timestamps, when the layout has a fourth field; empty otherwise.</summary>
    public long[] Times { get; private set; } = [];

    /// <summary>The ratings parsed.</summary>
    public int Count { get; set; }

    /// <summary>The lines left to the careful path.</summary>
    public int CarefulCount { get; private set; }

    /// <summary>Where the <paramref name="index"/>th careful line starts in the block.</summary>
    public int CarefulLine(int index) => _carefulLines[index];

    /// <summary>How many parsed ratings come before the <paramref name="index"/>th careful line.</summary>
    public int CarefulBefore(int index) => _carefulBefore[index];

    /// <summary>Empties the block and makes room for the ratings of <paramref name="bytes"/> bytes of lines.</summary>
    public void Reset(int bytes, bool timed)
    {
        int capacity = (bytes / ShortestLine) + 1;
        if (Values.Length < capacity)
        {
            Users = GC.AllocateUninitializedArray<long>(capacity);
            Items = GC.AllocateUninitializedArray<long>(capacity);
            Values = GC.AllocateUninitializedArray<float>(capacity);
        }

        if (timed && Times.Length < capacity)
        {
            Times = GC.AllocateUninitializedArray<long>(capacity);
        }

        Count = 0;
        CarefulCount = 0;
    }

    /// <summary>Notes a line at <paramref name="offset"/> for the careful path.</summary>
    public void AddCareful(int offset)
    {
        if (CarefulCount == _carefulLines.Length)
        {
            Array.Resize(ref _carefulLines, CarefulCount * 2);
            Array.Resize(ref _carefulBefore, CarefulCount * 2);
        }

        _carefulLines[CarefulCount] = offset;
        _carefulBefore[CarefulCount] = Count;
        CarefulCount++;
    }
}
