using System.Text;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;

namespace MatrixFactorization.Tests.Persistence;

/// <summary>The model file's envelope: version 1 and 2 files still load, version 3 files refuse damage.</summary>
public sealed class ModelFileTests
{
    private const uint Magic = 0x4C444D46;

    [Fact]
    public void A_version_1_biased_file_written_by_hand_loads_and_predicts_from_its_parameters()
    {
        // Two users (ids 10, 20), two items (ids 7, 8), k = 2, written in the version 1 layout.
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(1);
            w.Write(3); // biased matrix factorization
            WriteDomain(w, clip: false, mean: 3.5f);
            WriteMatrix(w, [[0.5f, -1f], [2f, 0.25f]]);
            WriteMatrix(w, [[1f, 2f], [-0.5f, 4f]]);
            WriteFloats(w, [0.1f, -0.2f]);
            WriteFloats(w, [0.3f, 0.4f]);
        }

        stream.Position = 0;
        var model = ModelSerializer.Load(stream).Should().BeOfType<BiasedMatrixFactorizationModel>().Which;
        model.ClipsPredictions.Should().BeFalse();
        model.Predict(10, 7).Value.Should().Be(3.5f + 0.1f + 0.3f + ((0.5f * 1f) + (-1f * 2f)));
        model.Predict(20, 8).Value.Should().Be(3.5f + -0.2f + 0.4f + ((2f * -0.5f) + (0.25f * 4f)));
        model.Predict(10, 99).Source.Should().Be(PredictionSource.UnknownItem);
    }

    [Fact]
    public void A_version_1_baseline_file_loads()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(1);
            w.Write(1); // baseline
            WriteDomain(w, clip: true, mean: 3f);
            WriteFloats(w, [1.5f, -0.5f]);
            WriteFloats(w, [1f, 0.25f]);
        }

        stream.Position = 0;
        var model = ModelSerializer.Load(stream).Should().BeOfType<BaselineModel>().Which;
        model.Predict(10, 7).Value.Should().Be(5f, "3 + 1.5 + 1 clips to the top of the 1–5 scale");
        model.Predict(20, 8).Value.Should().Be(3f - 0.5f + 0.25f);
    }

    [Fact]
    public void Every_saved_model_kind_round_trips_through_version_3_and_through_a_version_2_file_of_the_same_payload()
    {
        RatingModel[] models = [Recommendation.RecommendationFixture.Biased, Recommendation.RecommendationFixture.Plain, Recommendation.RecommendationFixture.Baseline];
        foreach (RatingModel model in models)
        {
            byte[] bytes = Save(model);
            BitConverter.ToInt32(bytes, 4).Should().Be(3);
            (string kind, List<ModelFileBytes.Section> sections) = ModelFileBytes.Parse(bytes);
            byte[] version2 = ModelFileBytes.BuildVersion2(kind, sections.Single(s => s.Id == "MODL").Bytes);
            foreach (byte[] file in new[] { bytes, version2 })
            {
                IScoringModel loaded = Load(file)();
                loaded.Should().BeOfType(model.GetType());
                var scores = new float[model.Items.Count];
                var expected = new float[model.Items.Count];
                loaded.ScoreItems(3, scores);
                model.ScoreItems(3, expected);
                scores.Should().Equal(expected);
            }

            ModelSerializer.Open(new MemoryStream(version2)).FormatVersion.Should().Be(2);
        }
    }

    [Fact]
    public void Trailing_bytes_a_short_file_and_any_changed_byte_fail_the_checksum()
    {
        byte[] good = Save(Recommendation.RecommendationFixture.Baseline);
        Load([.. good, 0]).Should().Throw<ModelFormatException>().WithMessage("*checksum*");
        Load(good[..^1]).Should().Throw<ModelFormatException>().WithMessage("*checksum*");
    }

    [Fact]
    public void A_newer_version_and_an_unknown_kind_are_refused_by_name()
    {
        byte[] good = Save(Recommendation.RecommendationFixture.Baseline);
        byte[] newer = (byte[])good.Clone();
        BitConverter.TryWriteBytes(newer.AsSpan(4), 4);
        Load(Reseal(newer)).Should().Throw<ModelFormatException>().WithMessage("*version 4 is not supported*versions 1 to 3*");

        byte[] unknown = (byte[])good.Clone();
        unknown[9] = (byte)'B'; // the kind tag "baseline" becomes "Baseline"
        Load(Reseal(unknown)).Should().Throw<ModelFormatException>().WithMessage("*unknown model kind 'Baseline'*Register*");
    }

    [Fact]
    public void Every_single_byte_change_and_every_truncation_of_a_small_model_is_detected()
    {
        byte[] good = Save(SmallModel());
        for (int offset = 0; offset < good.Length; offset++)
        {
            byte[] changed = (byte[])good.Clone();
            changed[offset] ^= 0x5A;
            Load(changed).Should().Throw<ModelFormatException>($"byte {offset} of {good.Length} was changed");
            Load(good[..offset]).Should().Throw<ModelFormatException>($"the file was cut to {offset} bytes");
        }
    }

    [Fact]
    public void A_non_finite_parameter_is_refused_even_under_a_valid_checksum()
    {
        (string kind, List<ModelFileBytes.Section> sections) = ModelFileBytes.Parse(Save(SmallModel()));

        // The model section ends with the last item bias.
        byte[] payload = sections[0].Bytes;
        BitConverter.TryWriteBytes(payload.AsSpan(payload.Length - 4), float.NaN);
        Load(ModelFileBytes.Build(kind, sections)).Should().Throw<ModelFormatException>().WithMessage("*NaN*finite*");
    }

    [Fact]
    public void Saving_to_a_file_replaces_it_whole_and_leaves_no_temporary_file()
    {
        string folder = Directory.CreateTempSubdirectory("mf-save-").FullName;
        try
        {
            string path = Path.Combine(folder, "model.mf");
            File.WriteAllText(path, "an older file");
            ModelSerializer.Save(Recommendation.RecommendationFixture.Baseline, path);
            ModelSerializer.Load(path).Should().BeOfType<BaselineModel>();
            Directory.GetFiles(folder).Should().Equal(path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static byte[] Save(IScoringModel model)
    {
        using var stream = new MemoryStream();
        ModelSerializer.Save(model, stream);
        return stream.ToArray();
    }

    private static Func<IScoringModel> Load(byte[] bytes) => () => ModelSerializer.Load(new MemoryStream(bytes));

    /// <summary>Writes a fresh XXH3 checksum over a changed file, so a test reaches the checks behind it.</summary>
    private static byte[] Reseal(byte[] file) => ModelFileBytes.Reseal(file);

    /// <summary>A baseline over three users and four items: a file of a few hundred bytes.</summary>
    private static BaselineModel SmallModel()
    {
        var builder = new MatrixFactorization.Data.RatingStoreBuilder();
        builder.Add(1, 1, 4f);
        builder.Add(1, 2, 3f);
        builder.Add(2, 3, 5f);
        builder.Add(3, 4, 2f);
        return new MatrixFactorization.Training.BaselineTrainer().Fit(builder.Build());
    }

    /// <summary>The offset of the user matrix's row count: after the clip flag and the domain.</summary>
    private static int FindUserMatrix(byte[] file, int payloadStart)
    {
        // clip (1), mean, min, max (3 × 4), has-step (1), step (4), then each map: kind (4), count (4), ids.
        int offset = payloadStart + 1 + 12 + 1 + 4;
        for (int map = 0; map < 2; map++)
        {
            BitConverter.ToInt32(file, offset).Should().Be(0, "the fixture has integer ids");
            int count = BitConverter.ToInt32(file, offset + 4);
            offset += 8 + (count * (8 + 1));
        }

        return offset;
    }

    private static void WriteDomain(BinaryWriter w, bool clip, float mean)
    {
        w.Write(clip);
        w.Write(mean);
        w.Write(1f);
        w.Write(5f);
        w.Write(true);
        w.Write(0.5f);
        foreach (long[] ids in new[] { new long[] { 10, 20 }, [7, 8] })
        {
            w.Write(0); // integer ids
            w.Write(ids.Length);
            foreach (long id in ids)
            {
                w.Write(id);
                w.Write(true);
            }
        }
    }

    private static void WriteMatrix(BinaryWriter w, float[][] rows)
    {
        w.Write(rows.Length);
        w.Write(rows[0].Length);
        foreach (float[] row in rows)
        {
            foreach (float v in row)
            {
                w.Write(v);
            }
        }
    }

    private static void WriteFloats(BinaryWriter w, float[] values)
    {
        w.Write(values.Length);
        foreach (float v in values)
        {
            w.Write(v);
        }
    }
}
