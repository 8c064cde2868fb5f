using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Persistence;

/// <summary>Version 3 files: sections with their own checksums, training options and summary, seen items.</summary>
public sealed class ModelFileVersion3Tests
{
    private static readonly ModelSetting[] Options =
    [
        new("FactorRegularization", 0.05),
        new("Epochs", 20L),
        new("Shuffle", true),
        new("Optimizer", "Sgd"),
    ];

    private static readonly TrainingSummary Summary = new(RatingCount: 4, UserCount: 3, ItemCount: 4, EpochsRun: 10)
    {
        FinalTrainingLoss = 0.75,
        ValidationScore = 0.9,
        ValidationMetric = "test rmse",
    };

    [Fact]
    public void Options_summary_and_seen_items_round_trip_with_the_library_version_and_the_save_time()
    {
        (BaselineModel model, RatingStore store) = SmallModel();
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);
        ModelFile file = ModelSerializer.Open(new MemoryStream(SaveFull(model, store)));
        DateTimeOffset after = DateTimeOffset.UtcNow.AddSeconds(1);

        file.FormatVersion.Should().Be(3);
        file.Kind.Should().Be("baseline");
        file.TrainingOptions.Should().Equal(Options);
        file.TrainingOptions.Select(o => o.Value.GetType()).Should().Equal(typeof(double), typeof(long), typeof(bool), typeof(string));
        file.TrainingSummary.Should().Be(Summary);
        file.LibraryVersion.Should().StartWith("0.");
        file.SavedAt.Should().BeOnOrAfter(before).And.BeOnOrBefore(after);
        file.Sections.Select(s => s.Id).Should().Equal("MODL", "TRNG", "SEEN");

        // The fixture: user 1 rated items 1 and 2, user 2 item 3, user 3 item 4 (ids equal to indices + 1).
        SeenItems seen = file.SeenItems!;
        seen.UserCount.Should().Be(3);
        seen.Count.Should().Be(4);
        seen.GetItems(0).ToArray().Should().Equal(0, 1);
        seen.GetItems(1).ToArray().Should().Equal(2);
        seen.GetItems(2).ToArray().Should().Equal(3);
        file.FindTrainingOption("FactorRegularization")!.TryGetNumber(out double lambda).Should().BeTrue();
        lambda.Should().Be(0.05);
    }

    [Fact]
    public void Every_single_byte_change_and_every_truncation_of_a_file_with_every_section_is_detected()
    {
        (BaselineModel model, RatingStore store) = SmallModel();
        byte[] good = SaveFull(model, store);
        (int seenOffset, int seenLength) = ModelFileBytes.Locate(good, "SEEN");
        (int trainingOffset, int trainingLength) = ModelFileBytes.Locate(good, "TRNG");
        for (int offset = 0; offset < good.Length; offset++)
        {
            byte[] changed = (byte[])good.Clone();
            changed[offset] ^= 0x01;
            var thrown = Load(changed).Should().Throw<ModelFormatException>($"byte {offset} of {good.Length} was changed");
            if (offset >= seenOffset && offset < seenOffset + seenLength)
            {
                thrown.WithMessage("*checksum of section SEEN*");
            }
            else if (offset >= trainingOffset && offset < trainingOffset + trainingLength)
            {
                thrown.WithMessage("*checksum of section TRNG*");
            }

            Load(good[..offset]).Should().Throw<ModelFormatException>($"the file was cut to {offset} bytes");
        }
    }

    [Fact]
    public void A_damaged_section_is_named_in_the_error()
    {
        (BaselineModel model, RatingStore store) = SmallModel();
        byte[] file = SaveFull(model, store);
        (int offset, _) = ModelFileBytes.Locate(file, "MODL");
        file[offset + 3] ^= 0x10;
        Load(file).Should().Throw<ModelFormatException>().WithMessage("*checksum of section MODL (model)*damaged*");
    }

    [Fact]
    public void An_unknown_optional_section_is_skipped_and_an_unknown_required_one_refused()
    {
        (BaselineModel model, RatingStore store) = SmallModel();
        (string kind, List<ModelFileBytes.Section> sections) = ModelFileBytes.Parse(SaveFull(model, store));
        List<ModelFileBytes.Section> withExtra = [sections[0], new("XTRA", 0, [1, 2, 3]), .. sections.Skip(1)];

        ModelFile file = ModelSerializer.Open(new MemoryStream(ModelFileBytes.Build(kind, withExtra)));
        file.Sections.Select(s => (s.Id, s.IsKnown)).Should().Equal(("MODL", true), ("XTRA", false), ("TRNG", true), ("SEEN", true));
        file.TrainingOptions.Should().Equal(Options);
        file.Model.Should().BeOfType<BaselineModel>().Which.Predict(1, 1).Value.Should().Be(model.Predict(1, 1).Value);

        withExtra[1] = new("XTRA", 1, [1, 2, 3]);
        Load(ModelFileBytes.Build(kind, withExtra)).Should().Throw<ModelFormatException>().WithMessage("*section XTRA is required*newer library*");
    }

    [Fact]
    public void A_future_version_is_refused_naming_both_versions()
    {
        (BaselineModel model, RatingStore store) = SmallModel();
        (string kind, List<ModelFileBytes.Section> sections) = ModelFileBytes.Parse(SaveFull(model, store));
        Load(ModelFileBytes.Build(kind, sections, version: 7)).Should().Throw<ModelFormatException>()
            .WithMessage("*version 7 is not supported*versions 1 to 3*read version 7*");
    }

    [Fact]
    public void Bytes_between_the_table_and_the_sections_and_a_missing_model_section_are_refused()
    {
        (BaselineModel model, RatingStore store) = SmallModel();
        (string kind, List<ModelFileBytes.Section> sections) = ModelFileBytes.Parse(SaveFull(model, store));
        Load(ModelFileBytes.Build(kind, sections, gap: 2)).Should().Throw<ModelFormatException>().WithMessage("*must follow one another*");
        Load(ModelFileBytes.Build(kind, sections.Skip(1))).Should().Throw<ModelFormatException>().WithMessage("*no model section*");
        Load(ModelFileBytes.Build(kind, [.. sections, sections[1]])).Should().Throw<ModelFormatException>().WithMessage("*TRNG*twice*");
    }

    [Fact]
    public void Seen_items_naming_an_item_the_model_does_not_have_are_refused_under_valid_checksums()
    {
        (BaselineModel model, RatingStore store) = SmallModel();
        (string kind, List<ModelFileBytes.Section> sections) = ModelFileBytes.Parse(SaveFull(model, store));

        // users 3, items 4, pairs 4; then user 0: 2 items, gaps 0 and 0; change the first gap to 9.
        byte[] seen = sections[2].Bytes;
        seen.Take(5).Should().Equal(new byte[] { 3, 4, 4, 2, 0 });
        seen[4] = 9;
        Load(ModelFileBytes.Build(kind, sections)).Should().Throw<ModelFormatException>().WithMessage("*SEEN*user 0 has item 9*4 items*");
    }

    [Theory]
    [InlineData(5f, 1f, 0.5f)]
    [InlineData(float.NaN, 5f, 0.5f)]
    [InlineData(1f, float.PositiveInfinity, 0.5f)]
    [InlineData(1f, 5f, 0f)]
    [InlineData(1f, 5f, -1f)]
    public void An_impossible_rating_scale_is_refused_under_valid_checksums(float min, float max, float step)
    {
        (BaselineModel model, RatingStore store) = SmallModel();
        (string kind, List<ModelFileBytes.Section> sections) = ModelFileBytes.Parse(SaveFull(model, store));

        // The baseline payload starts with the domain: clip flag, mean, min, max, has-step, step.
        byte[] payload = sections[0].Bytes;
        (BitConverter.ToSingle(payload, 5), BitConverter.ToSingle(payload, 9)).Should().Be((2f, 5f), "the fixture's ratings run from 2 to 5");
        BitConverter.TryWriteBytes(payload.AsSpan(5), min);
        BitConverter.TryWriteBytes(payload.AsSpan(9), max);
        payload[13] = 1;
        BitConverter.TryWriteBytes(payload.AsSpan(14), step);
        Load(ModelFileBytes.Build(kind, sections)).Should().Throw<ModelFormatException>().WithMessage("*rating scale*impossible*");
    }

    [Fact]
    public void A_non_finite_setting_is_refused_when_made_and_when_read()
    {
        FluentActions.Invoking(() => new ModelSetting("x", double.NaN)).Should().Throw<ArgumentOutOfRangeException>();
        (BaselineModel model, RatingStore store) = SmallModel();
        (string kind, List<ModelFileBytes.Section> sections) = ModelFileBytes.Parse(SaveFull(model, store));
        byte[] training = sections[1].Bytes;

        // The first setting, FactorRegularization, is a number: its 8 bytes follow its name and tag 2.
        int at = IndexOf(training, "FactorRegularization"u8.ToArray()) + "FactorRegularization".Length;
        training[at].Should().Be(2);
        BitConverter.TryWriteBytes(training.AsSpan(at + 1), double.PositiveInfinity);
        Load(ModelFileBytes.Build(kind, sections)).Should().Throw<ModelFormatException>().WithMessage("*TRNG*FactorRegularization*not a finite number*");
    }

    [Fact]
    public void Seen_items_for_another_model_are_refused_on_save()
    {
        (BaselineModel model, RatingStore store) = SmallModel();
        var other = new IdMap(IdKind.Integer);
        other.GetOrAdd(1);
        SeenItems wrong = SeenItems.FromRatings(store, other, model.Items);
        FluentActions.Invoking(() => ModelSerializer.Save(model, new MemoryStream(), new ModelFileContents { SeenItems = wrong }))
            .Should().Throw<ArgumentException>().WithMessage("*1 users*3*");
    }

    [Fact]
    public void Options_records_become_typed_settings_by_name()
    {
        var options = new BiasedMatrixFactorizationOptions { FactorRegularization = 0.05f, Seed = ulong.MaxValue, Optimizer = SgdOptimizer.AdaGrad };
        IReadOnlyList<ModelSetting> settings = ModelSetting.FromProperties(options);
        settings.Select(s => s.Name).Should().BeInAscendingOrder(StringComparer.Ordinal);
        settings.Should().Contain(new ModelSetting("FactorRegularization", 0.05));
        settings.Should().Contain(new ModelSetting("BiasRegularization", 0.02));
        settings.Should().Contain(new ModelSetting("FactorCount", 128L));
        settings.Should().Contain(new ModelSetting("Shuffle", false));
        settings.Should().Contain(new ModelSetting("Optimizer", "AdaGrad"));
        settings.Should().Contain(new ModelSetting("Seed", "18446744073709551615"));
    }

    private static byte[] SaveFull(IScoringModel model, RatingStore store)
    {
        using var stream = new MemoryStream();
        ModelSerializer.Save(model, stream, new ModelFileContents
        {
            TrainingOptions = Options,
            TrainingSummary = Summary,
            SeenItems = SeenItems.FromRatings(store, model.Users, model.Items),
        });
        return stream.ToArray();
    }

    private static Func<IScoringModel> Load(byte[] bytes) => () => ModelSerializer.Load(new MemoryStream(bytes));

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    /// <summary>A baseline over three users and four items: a file of a few hundred bytes.</summary>
    private static (BaselineModel Model, RatingStore Store) SmallModel()
    {
        var builder = new RatingStoreBuilder();
        builder.Add(1, 1, 4f);
        builder.Add(1, 2, 3f);
        builder.Add(2, 3, 5f);
        builder.Add(3, 4, 2f);
        RatingStore store = builder.Build();
        return (new BaselineTrainer().Fit(store), store);
    }
}
