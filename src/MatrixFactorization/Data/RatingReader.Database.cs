using System.Data;
using System.Data.Common;
using MatrixFactorization.Data.Readers;

namespace MatrixFactorization.Data;

/// <summary>Reading ratings through ADO.NET.</summary>
public static partial class RatingReader
{
    /// <summary>Reads ratings from the remaining rows of a data reader.</summary>
    /// <param name="reader">An open reader positioned before its first row; it is read to the end
    /// of the current result set and left open.</param>
    /// <param name="options">The columns (by name or index; by default columns named like
    /// <c>user_id</c>, <c>item_id</c>/<c>movieId</c>, <c>rating</c>, <c>timestamp</c>), the
    /// id kind (by default from the column types), duplicates, scale and bad-row handling. The
    /// text-only options (format, delimiter, header) are ignored.</param>
    /// <returns>The store and the load report, whose line numbers are row numbers.</returns>
    /// <exception cref="RatingDataException">A column is missing or a row is unusable.</exception>
    public static LoadResult Read(DbDataReader reader, RatingReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var session = new DbRatingSession(reader, options ?? RatingReadOptions.Default);
        while (reader.Read())
        {
            session.ReadRow();
        }

        return session.Finish();
    }

    /// <summary>Reads ratings from the remaining rows of a data reader asynchronously.</summary>
    /// <param name="reader">An open reader positioned before its first row; it is left open.</param>
    /// <param name="options">The columns and other settings, as for <see cref="Read(DbDataReader, RatingReadOptions?)"/>.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The store and the load report.</returns>
    /// <exception cref="RatingDataException">A column is missing or a row is unusable.</exception>
    public static async Task<LoadResult> ReadAsync(DbDataReader reader, RatingReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var session = new DbRatingSession(reader, options ?? RatingReadOptions.Default);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            session.ReadRow();
        }

        return session.Finish();
    }

    /// <summary>Runs a query and reads ratings from its rows.</summary>
    /// <param name="command">A command whose connection is open.</param>
    /// <param name="options">The columns and other settings, as for <see cref="Read(DbDataReader, RatingReadOptions?)"/>.</param>
    /// <returns>The store and the load report.</returns>
    /// <exception cref="RatingDataException">A column is missing or a row is unusable.</exception>
    public static LoadResult Read(DbCommand command, RatingReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        using DbDataReader reader = command.ExecuteReader(CommandBehavior.SingleResult);
        return Read(reader, options);
    }

    /// <summary>Runs a query asynchronously and reads ratings from its rows.</summary>
    /// <param name="command">A command whose connection is open.</param>
    /// <param name="options">The columns and other settings, as for <see cref="Read(DbDataReader, RatingReadOptions?)"/>.</param>
    /// <param name="cancellationToken">Stops the query and the read.</param>
    /// <returns>The store and the load report.</returns>
    /// <exception cref="RatingDataException">A column is missing or a row is unusable.</exception>
    public static async Task<LoadResult> ReadAsync(DbCommand command, RatingReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        DbDataReader reader = await command.ExecuteReaderAsync(CommandBehavior.SingleResult, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await ReadAsync(reader, options, cancellationToken).ConfigureAwait(false);
        }
    }
}
