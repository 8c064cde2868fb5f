using System.Collections;
using System.Globalization;
using MatrixFactorization.Data.Readers;
using nietras.SeparatedValues;

namespace MatrixFactorization.Data;

/// <summary>
/// Item metadata (titles and genres) read from a MovieLens <c>movies.csv</c> or any CSV with an id
/// column, a title column and an optional pipe-separated genres column, looked up by raw id.
/// </summary>
public sealed class ItemCatalog : IReadOnlyCollection<CatalogItem>
{
    private static readonly string[] s_idNames = ["movieId", "itemId", "item_id", "id"];
    private static readonly string[] s_titleNames = ["title", "name"];
    private static readonly string[] s_genreNames = ["genres", "genre", "categories"];
    private readonly Dictionary<string, CatalogItem> _items;
    private readonly Dictionary<string, CatalogItem>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private ItemCatalog(Dictionary<string, CatalogItem> items)
    {
        _items = items;
        _lookup = items.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The number of items.</summary>
    public int Count => _items.Count;

    /// <summary>Reads a catalog file (plain or gzip-compressed).</summary>
    /// <param name="path">The file, such as MovieLens <c>movies.csv</c>.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="RatingDataException">The file does not exist or is malformed.</exception>
    public static ItemCatalog Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream file = RatingFiles.OpenRead(path, asynchronous: false);
        return Read(file, Path.GetFileName(path));
    }

    /// <summary>Reads a catalog from a stream (plain or gzip-compressed), which is left open.</summary>
    /// <param name="stream">The CSV data.</param>
    /// <param name="sourceName">A name for the data in errors.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="RatingFormatException">The data is malformed.</exception>
    public static ItemCatalog Read(Stream stream, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        string source = sourceName ?? "stream";
        using Stream text = RatingFiles.Decompress(stream);
        try
        {
            using SepReader reader = Sep.Reader(o => o with
            {
                Unescape = true,
                CultureInfo = CultureInfo.InvariantCulture,
                ColNameComparer = StringComparer.OrdinalIgnoreCase,
            }).From(text);
            return Parse(reader, source);
        }
        catch (InvalidDataException e)
        {
            throw new RatingFormatException("the catalog is not well-formed CSV", source, hint: e.Message, innerException: e);
        }
        catch (ArgumentException e) when (e.Source == typeof(Sep).Assembly.GetName().Name)
        {
            // The CSV reader refuses a header that names a column twice when it reads the header.
            throw new RatingFormatException("the catalog header is not usable", source, 1, hint: e.Message + " Give each column a distinct name.", innerException: e);
        }
    }

    /// <summary>Reads a catalog file asynchronously. Catalogs are small, so the file is read into
    /// memory and then parsed.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="RatingDataException">The file does not exist or is malformed.</exception>
    public static async Task<ItemCatalog> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var memory = new MemoryStream();
        FileStream file = RatingFiles.OpenRead(path, asynchronous: true);
        await using (file.ConfigureAwait(false))
        {
            await file.CopyToAsync(memory, cancellationToken).ConfigureAwait(false);
        }

        memory.Position = 0;
        return Read(memory, Path.GetFileName(path));
    }

    /// <summary>Finds an item by raw integer id.</summary>
    /// <param name="id">The raw id.</param>
    /// <param name="item">The item, or null.</param>
    /// <returns><see langword="true"/> when the catalog has it.</returns>
    public bool TryGet(long id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CatalogItem? item)
    {
        Span<char> text = stackalloc char[20];
        id.TryFormat(text, out int length, default, CultureInfo.InvariantCulture);
        return _lookup.TryGetValue(text[..length], out item);
    }

    /// <summary>Finds an item by raw id.</summary>
    /// <param name="id">The raw id.</param>
    /// <param name="item">The item, or null.</param>
    /// <returns><see langword="true"/> when the catalog has it.</returns>
    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CatalogItem? item)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _items.TryGetValue(id, out item);
    }

    /// <summary>Finds the item behind a dense item index of a store.</summary>
    /// <param name="items">The store's item map (<see cref="RatingStore.Items"/>).</param>
    /// <param name="index">A dense item index.</param>
    /// <param name="item">The item, or null.</param>
    /// <returns><see langword="true"/> when the catalog has it.</returns>
    public bool TryGet(IdMap items, int index, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CatalogItem? item)
    {
        ArgumentNullException.ThrowIfNull(items);
        return _items.TryGetValue(items.GetId(index), out item);
    }

    /// <summary>The title of an item, or its raw id in brackets when the catalog lacks it.</summary>
    /// <param name="items">The store's item map.</param>
    /// <param name="index">A dense item index.</param>
    /// <returns>A title to show.</returns>
    public string GetTitle(IdMap items, int index) =>
        TryGet(items, index, out CatalogItem? item) ? item.Title : $"[{items.GetId(index)}]";

    /// <inheritdoc/>
    public IEnumerator<CatalogItem> GetEnumerator() => _items.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static ItemCatalog Parse(SepReader reader, string source)
    {
        if (reader.Header.IsEmpty)
        {
            throw new RatingFormatException("the catalog is empty", source, hint: "A catalog needs a header such as movieId,title,genres.");
        }

        int id = Column(reader, s_idNames, source, required: true);
        int title = Column(reader, s_titleNames, source, required: true);
        int genres = Column(reader, s_genreNames, source, required: false);
        var items = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
        foreach (SepReader.Row row in reader)
        {
            string key = row[id].Span.Trim().ToString();
            if (key.Length == 0)
            {
                throw new RatingFormatException("the item id is empty", source, row.LineNumberFrom, id + 1, row.Span.ToString(), "Every catalog line needs an id.");
            }

            string[] genreList = genres < 0 ? [] : SplitGenres(row[genres].Span);
            if (!items.TryAdd(key, new CatalogItem(key, row[title].ToString(), genreList)))
            {
                throw new RatingFormatException("the item id appears twice", source, row.LineNumberFrom, id + 1, key, "Each item may be listed once.");
            }
        }

        return new ItemCatalog(items);
    }

    private static string[] SplitGenres(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty || text.SequenceEqual("(no genres listed)"))
        {
            return [];
        }

        return text.ToString().Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static int Column(SepReader reader, string[] names, string source, bool required)
    {
        foreach (string name in names)
        {
            if (reader.Header.TryIndexOf(name, out int index))
            {
                return index;
            }
        }

        return required
            ? throw new RatingFormatException(
                $"the catalog header has no {names[0]} column",
                source,
                1,
                value: string.Join(",", reader.Header.ColNames),
                hint: $"The header needs one of: {string.Join(", ", names)}.")
            : -1;
    }
}
