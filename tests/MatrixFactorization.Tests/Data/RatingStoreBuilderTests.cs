using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

public sealed class RatingStoreBuilderTests
{
    [Fact]
    public void Rows_are_ordered_by_item_whatever_the_input_order()
    {
        var builder = new RatingStoreBuilder();
        builder.Add(2, 30, 1f);
        builder.Add(1, 20, 2f);
        builder.Add(2, 10, 3f);
        builder.Add(1, 30, 4f);
        builder.Add(3, 10, 5f);

        RatingStore store = builder.Build(out BuildReport report);

        store.ShouldBeWellFormed();
        store.SortedRawRatings().Should().Equal(
            ("1", "20", 2f, null), ("1", "30", 4f, null), ("2", "10", 3f, null), ("2", "30", 1f, null), ("3", "10", 5f, null));
        report.Should().Be(new BuildReport(5, 5, 0, 0, 5));
    }

    [Fact]
    public void Error_policy_names_both_records()
    {
        var builder = new RatingStoreBuilder { SourceName = "code" };
        builder.Add(1, 2, 3f);
        builder.Add(1, 3, 3f);
        builder.Add(1, 2, 4f);

        DuplicateRatingException e = FluentActions.Invoking(() => builder.Build()).Should().Throw<DuplicateRatingException>().Which;

        (e.User, e.Item, e.FirstLine, e.SecondLine).Should().Be(("1", "2", 1L, 3L));
    }

    [Theory]
    [InlineData(DuplicatePolicy.KeepFirst, 1f, 100L)]
    [InlineData(DuplicatePolicy.KeepLast, 3f, 50L)]
    [InlineData(DuplicatePolicy.Average, 2.5f, 300L)]
    public void Duplicate_policies_merge_in_arrival_order(DuplicatePolicy policy, float value, long time)
    {
        var builder = new RatingStoreBuilder(policy);
        builder.Add(9, 1, 1f, 100);
        builder.Add(8, 1, 5f, 10);
        builder.Add(9, 1, 6f, 300);
        builder.Add(9, 2, 7f, 20);
        builder.Add(9, 1, 0f, 200);
        builder.Add(9, 1, 3f, 50);

        RatingStore store = builder.Build(out BuildReport report);

        store.ShouldBeWellFormed();
        store.SortedRawRatings().Should().Equal(("8", "1", 5f, 10L), ("9", "1", value, time), ("9", "2", 7f, 20L));
        report.RatingsAdded.Should().Be(6);
        report.RatingsKept.Should().Be(3);
        report.DuplicatesResolved.Should().Be(3);
        report.DuplicatePairs.Should().Be(1);
    }

    [Fact]
    public void Duplicates_across_separate_runs_of_a_user_keep_arrival_order()
    {
        var builder = new RatingStoreBuilder(DuplicatePolicy.KeepLast);
        builder.Add(1, 5, 1f);
        builder.Add(2, 5, 2f);
        builder.Add(1, 5, 3f);

        builder.Build().SortedRawRatings().Should().Equal(("1", "5", 3f, null), ("2", "5", 2f, null));
    }

    [Fact]
    public void Timestamps_are_kept_only_when_every_rating_has_one()
    {
        var builder = new RatingStoreBuilder();
        builder.Add(1, 1, 1f, 1000);
        builder.Add(1, 2, 1f);

        RatingStore store = builder.Build(out BuildReport report);

        store.HasTimestamps.Should().BeFalse();
        report.RatingsWithoutTimestamp.Should().Be(1);
        FluentActions.Invoking(() => store.GetTimestamp(0)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Timestamps_far_from_the_first_one_convert_exactly()
    {
        var builder = new RatingStoreBuilder();
        builder.Add(1, 1, 1f, 4_000_000_000);
        builder.Add(1, 2, 1f, 100);
        builder.Add(1, 3, 1f, -5);

        RatingStore store = builder.Build();

        store.RawRatings().Select(r => r.Time).Should().Equal(4_000_000_000L, 100L, -5L);
    }

    [Fact]
    public void Timestamps_spanning_more_than_32_bits_are_an_error()
    {
        var builder = new RatingStoreBuilder();
        builder.Add(1, 1, 1f, 0);
        builder.Add(1, 2, 1f, 1L << 33);

        FluentActions.Invoking(() => builder.Build()).Should().Throw<RatingDataException>().WithMessage("*136 years*");
    }

    [Fact]
    public void Invalid_values_are_rejected_with_the_record_number()
    {
        var builder = new RatingStoreBuilder(scale: RatingScale.FiveStars);
        builder.Add(1, 1, 3f);

        RatingDataException e = FluentActions.Invoking(() => builder.Add(1, 2, 7f)).Should().Throw<RatingDataException>().Which;
        e.Line.Should().Be(2);
        FluentActions.Invoking(() => builder.Add(1, 3, float.NaN)).Should().Throw<RatingDataException>().WithMessage("*finite*");
    }

    [Fact]
    public void Spans_and_sequences_add_the_same_ratings()
    {
        var fromSpans = new RatingStoreBuilder();
        fromSpans.AddRange([1L, 2L], [3L, 4L], [1f, 2f], [10L, 20L]);
        var fromSequence = new RatingStoreBuilder();
        fromSequence.AddRange([new RawRating(1, 3, 1f, 10), new RawRating(2, 4, 2f, 20)]);

        fromSpans.Build().RawRatings().Should().Equal(fromSequence.Build().RawRatings());
        FluentActions.Invoking(() => new RatingStoreBuilder().AddRange([1L], [1L, 2L], [1f])).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void String_ids_can_be_mixed_with_integer_lookups()
    {
        var builder = new RatingStoreBuilder();
        builder.Add("alice", "book", 4f);
        builder.Add("bob", "book", 2f);

        RatingStore store = builder.Build();

        store.Users.Kind.Should().Be(IdKind.String);
        store.Users.TryGetIndex("bob", out int bob).Should().BeTrue();
        store.GetUserRatings(bob).Values.ToArray().Should().Equal(2f);
    }

    [Fact]
    public void Positions_beyond_the_store_are_rejected_even_with_spare_room()
    {
        // A read sizes its builder from the file length, so the store usually keeps a little
        // spare room at the end of its arrays; it must not be visible.
        RatingStore store = RatingReader.Read(BundledData.Ratings).Store;

        store.Values.Length.Should().Be(store.Count);
        store.UserIndices.Length.Should().Be(store.Count);
        store.ItemIndices.Length.Should().Be(store.Count);
        FluentActions.Invoking(() => store[store.Count]).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => store.GetTimestamp(store.Count)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => store[-1]).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void An_empty_builder_builds_an_empty_store()
    {
        RatingStore store = new RatingStoreBuilder().Build();

        store.Count.Should().Be(0);
        store.UserCount.Should().Be(0);
        store.Statistics.GlobalMean.Should().Be(0);
    }

    [Fact]
    public void Random_inputs_match_a_reference_under_every_policy()
    {
        var random = new Random(99);
        foreach (DuplicatePolicy policy in new[] { DuplicatePolicy.KeepFirst, DuplicatePolicy.KeepLast, DuplicatePolicy.Average })
        {
            for (int trial = 0; trial < 30; trial++)
            {
                var builder = new RatingStoreBuilder(policy);
                var reference = new Dictionary<(long, long), List<(float Value, long Time)>>();
                int n = random.Next(1, 400);
                bool grouped = random.Next(2) == 0;
                for (int k = 0; k < n; k++)
                {
                    long user = grouped ? k * 5 / n : random.Next(6);
                    long item = random.Next(random.Next(1, 300));
                    float value = random.Next(1, 11) / 2f;
                    long time = random.Next(1_000_000);
                    builder.Add(user, item, value, time);
                    if (!reference.TryGetValue((user, item), out List<(float, long)>? list))
                    {
                        reference[(user, item)] = list = [];
                    }

                    list.Add((value, time));
                }

                RatingStore store = builder.Build();
                store.ShouldBeWellFormed();
                store.Count.Should().Be(reference.Count);
                for (int p = 0; p < store.Count; p++)
                {
                    Rating r = store[p];
                    List<(float Value, long Time)> all = reference[(store.Users.GetInt64Id(r.User), store.Items.GetInt64Id(r.Item))];
                    (float value, long time) = policy switch
                    {
                        DuplicatePolicy.KeepFirst => all[0],
                        DuplicatePolicy.KeepLast => all[^1],
                        _ => ((float)all.Average(x => (double)x.Value), all.Max(x => x.Time)),
                    };
                    r.Value.Should().Be(value);
                    store.GetTimestamp(p).Should().Be(time);
                }
            }
        }
    }
}
