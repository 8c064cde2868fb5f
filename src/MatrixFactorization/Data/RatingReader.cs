using MatrixFactorization.Data.Readers;

namespace MatrixFactorization.Data;

/// <summary>
/// Reads ratings into a <see cref="RatingStore"/> from MovieLens, ml-100k, <c>.dat</c>, LIBMF and
/// other delimited text files (gzip-compressed or not), and from database queries.
/// </summary>
/// <remarks>
/// <para>Files are streamed through a few buffers of a megabyte: memory is the store plus a
/// constant. On a machine with more than one core, a synchronous read parses blocks of lines on
/// thread-pool threads while ids are mapped in file order, so the result is the same as on one
/// core. The format,
/// delimiter, header, columns and id kinds are detected from the first lines unless the options
/// set them; <see cref="LoadReport"/> says what was detected and accounts for every line.</para>
/// <para>A bad line stops the read with a <see cref="RatingFormatException"/> naming the source,
/// line, column and offending text, with a hint; with
/// <see cref="RatingReadOptions.SkipBadLines"/> such lines are counted and reported instead.</para>
/// </remarks>
public static partial class RatingReader
{
    /// <summary>Reads a rating file.</summary>
    /// <param name="path">The file; <c>.gz</c> files (or any file starting with the gzip magic
    /// bytes) are decompressed on the fly.</param>
    /// <param name="options">How to read it; null for the defaults (detect everything).</param>
    /// <returns>The store and the load report.</returns>
    /// <exception cref="RatingDataException">The file does not exist or its data is unusable
    /// (<see cref="RatingFormatException"/> for a bad line, <see cref="DuplicateRatingException"/>
    /// for a repeated pair under <see cref="DuplicatePolicy.Error"/>).</exception>
    public static LoadResult Read(string path, RatingReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= RatingReadOptions.Default;
        using FileStream stream = RatingFiles.OpenRead(path, asynchronous: false);
        return TextRatingLoader.Load(stream, options, options.SourceName ?? Path.GetFileName(path));
    }

    /// <summary>Reads rating text from a stream, which is left open.</summary>
    /// <param name="stream">The data, plain or gzip-compressed.</param>
    /// <param name="options">How to read it; set <see cref="RatingReadOptions.SourceName"/> to name
    /// the data in errors.</param>
    /// <returns>The store and the load report.</returns>
    /// <exception cref="RatingDataException">The data is unusable.</exception>
    public static LoadResult Read(Stream stream, RatingReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= RatingReadOptions.Default;
        return TextRatingLoader.Load(stream, options, SourceOf(stream, options));
    }

    /// <summary>Reads a rating file asynchronously.</summary>
    /// <param name="path">The file, plain or gzip-compressed.</param>
    /// <param name="options">How to read it; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the read between blocks.</param>
    /// <returns>The store and the load report.</returns>
    /// <exception cref="RatingDataException">The file does not exist or its data is unusable.</exception>
    public static async Task<LoadResult> ReadAsync(string path, RatingReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= RatingReadOptions.Default;
        FileStream stream = RatingFiles.OpenRead(path, asynchronous: true);
        await using (stream.ConfigureAwait(false))
        {
            return await TextRatingLoader.LoadAsync(stream, options, options.SourceName ?? Path.GetFileName(path), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads rating text from a stream asynchronously; the stream is left open.</summary>
    /// <param name="stream">The data, plain or gzip-compressed.</param>
    /// <param name="options">How to read it; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the read between blocks.</param>
    /// <returns>The store and the load report.</returns>
    /// <exception cref="RatingDataException">The data is unusable.</exception>
    public static Task<LoadResult> ReadAsync(Stream stream, RatingReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= RatingReadOptions.Default;
        return TextRatingLoader.LoadAsync(stream, options, SourceOf(stream, options), cancellationToken);
    }

    private static string SourceOf(Stream stream, RatingReadOptions options) =>
        options.SourceName ?? (stream is FileStream file ? Path.GetFileName(file.Name) : "stream");
}
