using System.Text;
using MatrixFactorization.Data;
using MatrixFactorization.Persistence;

namespace MatrixFactorization.Tests.Fuzz;

/// <summary>Minimized inputs the fuzzer found failing with an undocumented exception, and the typed error each now gets.</summary>
public sealed class FoundByFuzzingTests
{
    [Fact]
    public void A_catalog_header_naming_a_column_twice_is_a_format_error_on_line_1()
    {
        byte[] text = Encoding.UTF8.GetBytes("movieId,title,title\n1,a,b\n");

        var thrown = FluentActions.Invoking(() => ItemCatalog.Read(new MemoryStream(text), "movies.csv"))
            .Should().Throw<RatingFormatException>().Which;

        thrown.Line.Should().Be(1);
        thrown.Message.Should().Contain("movies.csv").And.Contain("title").And.Contain("distinct");
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "32 bits")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "impossible length")]
    public void A_model_string_id_with_a_malformed_length_prefix_is_a_model_format_error(byte[] prefix, string expected)
    {
        // A version 1 baseline (no checksums) whose first user id is a string with this length prefix.
        byte[] file =
        [
            .. "FMDL"u8, 1, 0, 0, 0, 1, 0, 0, 0,
            1, 0, 0, 64, 64, 0, 0, 128, 63, 0, 0, 160, 64, 1, 0, 0, 0, 63,
            1, 0, 0, 0, 1, 0, 0, 0, .. prefix, (byte)'a', 1,
        ];

        FluentActions.Invoking(() => ModelSerializer.Open(new MemoryStream(file)))
            .Should().Throw<ModelFormatException>().WithMessage($"*{expected}*");
    }
}
