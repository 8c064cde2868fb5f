using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public sealed class BprRunStartsTests
{
    // Lengths around the vector widths and the 64-bit words, runs of 1 to 70 triples.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1000)]
    public void The_bitmap_marks_each_first_triple_of_a_user_and_the_end(int count)
    {
        var rng = new Random(count);
        var pairs = new InteractionPair[count];
        int user = 0;
        for (int t = 0; t < count;)
        {
            int run = rng.Next(4) == 0 ? 1 + rng.Next(70) : 1 + rng.Next(3);
            for (int k = 0; k < run && t < count; k++, t++)
            {
                // Items vary inside a run and repeat across runs: only the user may mark a start.
                pairs[t] = new InteractionPair(user, rng.Next(3));
            }

            user += 1 + rng.Next(2);
        }

        // Dirty scratch: marking must not depend on what the bitmap held.
        ulong[] bits = Enumerable.Repeat(ulong.MaxValue, BprRunStarts.Words(count) + 2).ToArray();
        BprRunStarts.Mark(pairs, bits);

        int[] expected = [.. Enumerable.Range(0, count + 1).Where(t => t == 0 || t == count || pairs[t].User != pairs[t - 1].User)];
        var found = new List<int>();
        for (int t = BprRunStarts.Next(ref bits[0], 0); ; t = BprRunStarts.Next(ref bits[0], t + 1))
        {
            found.Add(t);
            if (t == count)
            {
                break;
            }
        }

        found.Should().Equal(expected);
    }
}
