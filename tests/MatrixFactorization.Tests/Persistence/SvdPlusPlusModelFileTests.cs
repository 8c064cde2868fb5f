using MatrixFactorization.Kernels;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Persistence;

public sealed class SvdPlusPlusModelFileTests
{
    private static readonly SvdPlusPlusModel Model =
        new SvdPlusPlusTrainer(new SvdPlusPlusOptions { FactorCount = 3, Epochs = 3 }).Fit(TestRatings.LowRank(users: 12, items: 9, density: 0.5, seed: 2));

    [Fact]
    public void The_svdpp_kind_round_trips_every_parameter_bit_for_bit()
    {
        byte[] bytes = Save(Model);
        ModelSerializer.Open(new MemoryStream(bytes)).Kind.Should().Be("svdpp");
        SvdPlusPlusModel loaded = ModelSerializer.Load(new MemoryStream(bytes)).Should().BeOfType<SvdPlusPlusModel>().Which;
        loaded.ClipsPredictions.Should().Be(Model.ClipsPredictions);
        loaded.UserBiases.ToArray().Should().Equal(Model.UserBiases.ToArray());
        loaded.ItemBiases.ToArray().Should().Equal(Model.ItemBiases.ToArray());
        for (int u = 0; u < Model.Users.Count; u++)
        {
            loaded.UserFactors.GetRow(u).ToArray().Should().Equal(Model.UserFactors.GetRow(u).ToArray());
        }

        for (int i = 0; i < Model.Items.Count; i++)
        {
            loaded.ItemFactors.GetRow(i).ToArray().Should().Equal(Model.ItemFactors.GetRow(i).ToArray());
            loaded.ImplicitFactors.GetRow(i).ToArray().Should().Equal(Model.ImplicitFactors.GetRow(i).ToArray());
        }
    }

    [Fact]
    public void Every_single_byte_change_and_every_truncation_is_detected()
    {
        byte[] good = Save(Model);
        for (int offset = 0; offset < good.Length; offset++)
        {
            byte[] changed = (byte[])good.Clone();
            changed[offset] ^= 0x5A;
            Load(changed).Should().Throw<ModelFormatException>($"byte {offset} of {good.Length} was changed");
            Load(good[..offset]).Should().Throw<ModelFormatException>($"the file was cut to {offset} bytes");
        }
    }

    [Fact]
    public void A_non_finite_parameter_and_a_payload_of_another_kind_are_refused_under_a_valid_checksum()
    {
        (string kind, List<ModelFileBytes.Section> sections) = ModelFileBytes.Parse(Save(Model));
        byte[] payload = sections[0].Bytes;
        BitConverter.TryWriteBytes(payload.AsSpan(payload.Length - 4), float.NaN);
        Load(ModelFileBytes.Build(kind, sections)).Should().Throw<ModelFormatException>().WithMessage("*NaN*finite*");

        // A biased model's payload lacks Y: read as SVD++, its biases are no matrix of the right shape.
        var biased = new BiasedMatrixFactorizationModel(Model.Domain, Model.UserFactors, Model.ItemFactors, Model.UserBiases, Model.ItemBiases);
        (_, List<ModelFileBytes.Section> biasedSections) = ModelFileBytes.Parse(Save(biased));
        Load(ModelFileBytes.Build("svdpp", biasedSections)).Should().Throw<ModelFormatException>();
    }

    [Fact]
    public void Implicit_factors_that_do_not_fit_the_items_are_refused()
    {
        FactorMatrix shortY = FactorMatrix.FromRows(Model.Items.Count - 1, Model.FactorCount, new float[(Model.Items.Count - 1) * Model.FactorCount]);
        FluentActions.Invoking(() => new SvdPlusPlusModel(Model.Domain, Model.UserFactors, Model.ItemFactors, shortY, Model.UserBiases, Model.ItemBiases))
            .Should().Throw<ArgumentException>().WithMessage("*one row per user and per item*");
    }

    private static byte[] Save(IScoringModel model)
    {
        using var stream = new MemoryStream();
        ModelSerializer.Save(model, stream);
        return stream.ToArray();
    }

    private static Func<IScoringModel> Load(byte[] bytes) => () => ModelSerializer.Load(new MemoryStream(bytes));
}
