using MatrixFactorization.Foundation;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

/// <summary>The engine's passes over one block, with the block's run starts marked first as the engine marks them.</summary>
internal static class BprBlocks
{
    public static ulong[] RunStarts(ReadOnlySpan<InteractionPair> pairs)
    {
        var starts = new ulong[BprRunStarts.Words(pairs.Length)];
        BprRunStarts.Mark(pairs, starts);
        return starts;
    }

    public static void Fill(NegativeDraws draws, ReadOnlySpan<InteractionPair> pairs, int first, int count, bool excludePositives, SplitMix64 rng, Span<int> negatives) =>
        draws.Fill(pairs, RunStarts(pairs), first, count, excludePositives, rng, negatives);

    public static void Step(in BprContext context, ReadOnlySpan<InteractionPair> pairs, Span<int> negatives) =>
        BprEngine.Step(in context, pairs, negatives, RunStarts(pairs));
}
