using System.Text;
using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

public sealed class FileOrderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void File_order_lists_every_rating_as_the_lines_gave_them(int threads)
    {
        // Users out of order, a blank line and a repeated pair: the store sorts and merges, the list does not.
        const string Text = "user,item,rating\n3,30,1\n1,10,2\n\n3,5,3\n2,20,4\n1,10,5\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Text));

        LoadResult result = RatingReader.Read(stream, new RatingReadOptions { Duplicates = DuplicatePolicy.KeepLast, KeepFileOrder = true, Threads = threads });

        FileOrder order = result.FileOrder!;
        result.Store.Count.Should().Be(4);
        order.Count.Should().Be(5);
        Enumerable.Range(0, order.Count).Select(k => result.Store.Users.GetId(order.Users[k])).Should().Equal("3", "1", "3", "2", "1");
        Enumerable.Range(0, order.Count).Select(k => result.Store.Items.GetId(order.Items[k])).Should().Equal("30", "10", "5", "20", "10");
        order.Values.ToArray().Should().Equal(1f, 2f, 3f, 4f, 5f);
        Enumerable.Range(0, order.Count).Select(order.LineOf).Should().Equal(2L, 3L, 5L, 6L, 7L);
    }

    [Fact]
    public void Without_the_option_there_is_no_file_order()
    {
        using var stream = new MemoryStream("1,10,2\n"u8.ToArray());

        RatingReader.Read(stream).FileOrder.Should().BeNull();
    }
}
