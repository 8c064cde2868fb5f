using System.Text;
using MatrixFactorization.Data;

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
}
