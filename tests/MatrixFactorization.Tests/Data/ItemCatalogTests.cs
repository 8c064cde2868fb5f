using System.Text;
using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

public sealed class ItemCatalogTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_movielens_movies_with_quoted_titles_and_genres()
    {
        ItemCatalog catalog = ItemCatalog.Read(BundledData.Movies);

        catalog.Count.Should().Be(9_742);
        catalog.TryGet(1, out CatalogItem? toyStory).Should().BeTrue();
        toyStory!.Title.Should().Be("Toy Story (1995)");
        toyStory.Year.Should().Be(1995);
        toyStory.Genres.Should().Equal("Adventure", "Animation", "Children", "Comedy", "Fantasy");
        catalog.TryGet("11", out CatalogItem? president).Should().BeTrue();
        president!.Title.Should().Be("American President, The (1995)");
        catalog.TryGet(-1, out _).Should().BeFalse();
        catalog.Count(m => m.Genres.Count == 0).Should().Be(34);
    }

    [Fact]
    public async Task Looks_up_titles_by_dense_item_index()
    {
        RatingStore store = RatingReader.Read(BundledData.Ratings).Store;
        ItemCatalog catalog = await ItemCatalog.ReadAsync(BundledData.Movies);

        catalog.GetTitle(store.Items, 0).Should().Be("Toy Story (1995)");
        Enumerable.Range(0, store.ItemCount).Count(i => !catalog.TryGet(store.Items, i, out _)).Should().Be(0);
    }

    [Fact]
    public void Other_catalogs_and_their_errors()
    {
        string path = _folder.Write("items.csv", "id,name\nA,\"Widget, large\"\nB,Gadget\n");
        ItemCatalog catalog = ItemCatalog.Read(path);
        catalog.TryGet("A", out CatalogItem? widget).Should().BeTrue();
        widget!.Title.Should().Be("Widget, large");
        widget.Genres.Should().BeEmpty();
        widget.Year.Should().BeNull();

        FluentActions.Invoking(() => ItemCatalog.Read(_folder.Write("no-title.csv", "id,colour\n1,red\n")))
            .Should().Throw<RatingFormatException>().WithMessage("*no title column*");
        FluentActions.Invoking(() => ItemCatalog.Read(_folder.Write("twice.csv", "id,title\n1,a\n1,b\n")))
            .Should().Throw<RatingFormatException>().Which.Line.Should().Be(3);
        FluentActions.Invoking(() => ItemCatalog.Read(new MemoryStream(Encoding.UTF8.GetBytes("id,title\n1,a,extra\n"))))
            .Should().Throw<RatingFormatException>();
        FluentActions.Invoking(() => ItemCatalog.Read(_folder.File("missing.csv"))).Should().Throw<RatingDataException>();
    }
}
