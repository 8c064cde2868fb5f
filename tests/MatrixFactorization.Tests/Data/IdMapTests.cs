using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

public sealed class IdMapTests
{
    [Fact]
    public void Integer_ids_get_indices_in_first_seen_order()
    {
        var map = new IdMap(IdKind.Integer);

        map.GetOrAdd(42).Should().Be(0);
        map.GetOrAdd(7).Should().Be(1);
        map.GetOrAdd(42).Should().Be(0);
        map.GetOrAdd(1_000_000).Should().Be(2);

        map.Count.Should().Be(3);
        map.GetInt64Id(1).Should().Be(7);
        map.GetId(2).Should().Be("1000000");
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(-9_000_000_000L)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(1L << 26)]
    [InlineData(123_456_789_012L)]
    public void Negative_and_huge_ids_use_the_dictionary_and_round_trip(long id)
    {
        var map = new IdMap(IdKind.Integer);
        map.GetOrAdd(3);

        int index = map.GetOrAdd(id);

        index.Should().Be(1);
        map.TryGetIndex(id, out int found).Should().BeTrue();
        found.Should().Be(1);
        map.GetInt64Id(1).Should().Be(id);
        map.TryGetIndex(id.ToString(System.Globalization.CultureInfo.InvariantCulture), out found).Should().BeTrue();
        found.Should().Be(1);
    }

    [Fact]
    public void Sparse_ids_inside_the_table_range_are_found()
    {
        // The direct table grows past ids the density rule would send to the dictionary; those
        // ids must still be found through the table.
        var map = new IdMap(IdKind.Integer);
        for (long id = 0; id < 10_000; id++)
        {
            map.GetOrAdd(id);
        }

        map.GetOrAdd(70_000).Should().Be(10_000);
        map.GetOrAdd(100_000).Should().Be(10_001);

        map.TryGetIndex(100_000, out int index).Should().BeTrue();
        index.Should().Be(10_001);
        map.GetOrAdd(100_000).Should().Be(10_001);
    }

    [Fact]
    public void Direct_and_dictionary_ids_agree_on_a_random_mix()
    {
        var map = new IdMap(IdKind.Integer);
        var reference = new Dictionary<long, int>();
        var random = new Random(3);
        int mismatches = 0;
        for (int k = 0; k < 50_000; k++)
        {
            long id = random.Next(5) switch
            {
                0 => random.Next(1000),
                1 => random.Next(200_000),
                2 => random.NextInt64(1L << 30),
                3 => -random.Next(1000),
                _ => random.NextInt64(long.MinValue, long.MaxValue),
            };
            if (!reference.TryGetValue(id, out int expected))
            {
                expected = reference.Count;
                reference.Add(id, expected);
            }

            mismatches += map.GetOrAdd(id) == expected ? 0 : 1;
        }

        foreach ((long id, int index) in reference)
        {
            bool ok = map.TryGetIndex(id, out int found) && found == index && map.GetInt64Id(index) == id;
            mismatches += ok ? 0 : 1;
        }

        mismatches.Should().Be(0);
        map.Count.Should().Be(reference.Count);
    }

    [Fact]
    public void Unknown_ids_are_not_found()
    {
        var map = new IdMap(IdKind.Integer);
        map.GetOrAdd(5);

        map.TryGetIndex(6, out int index).Should().BeFalse();
        index.Should().Be(-1);
        map.TryGetIndex(-5, out _).Should().BeFalse();
        map.TryGetIndex(long.MaxValue, out _).Should().BeFalse();
        map.TryGetIndex("abc", out _).Should().BeFalse();
        map.TryGetIndex("6", out _).Should().BeFalse();
    }

    [Fact]
    public void String_ids_are_ordinal_and_first_seen()
    {
        var map = new IdMap(IdKind.String);

        map.GetOrAdd("b".AsSpan()).Should().Be(0);
        map.GetOrAdd("B".AsSpan()).Should().Be(1);
        map.GetOrAdd("b".AsSpan()).Should().Be(0);
        map.GetOrAdd(12).Should().Be(2);

        map.TryGetIndex("12", out int index).Should().BeTrue();
        index.Should().Be(2);
        map.TryGetIndex(12, out index).Should().BeTrue();
        map.TryGetIndex("c", out _).Should().BeFalse();
        map.GetId(1).Should().Be("B");
        FluentActions.Invoking(() => map.GetInt64Id(0)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Bad_indices_are_rejected()
    {
        var map = new IdMap(IdKind.Integer);
        map.GetOrAdd(1);

        FluentActions.Invoking(() => map.GetId(1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => map.GetId(-1)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
