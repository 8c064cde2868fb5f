namespace MatrixFactorization.Data;

/// <summary>The layout of a rating file.</summary>
public enum RatingFormat
{
    /// <summary>Detect the format from the first lines (the default).</summary>
    Auto,

    /// <summary>MovieLens <c>ratings.csv</c> (ml-latest, ml-25m, ml-32m): comma-separated
    /// <c>userId,movieId,rating[,timestamp]</c> with a header line.</summary>
    MovieLens,

    /// <summary>ml-100k <c>u.data</c>: tab-separated <c>user item rating timestamp</c>, no header.</summary>
    Ml100k,

    /// <summary>ml-1m, ml-10m and ml-20m <c>ratings.dat</c>: <c>user::item::rating::timestamp</c>, no header.</summary>
    Dat,

    /// <summary>LIBMF text: <c>user item rating</c> separated by spaces or tabs, no header.</summary>
    Libmf,

    /// <summary>Any delimited text: the delimiter, header and columns come from the options or are
    /// detected. Fields may be quoted as in CSV.</summary>
    Delimited,

    /// <summary>Rows read through ADO.NET. Reported by <see cref="LoadReport.Format"/>; not a file
    /// format, so it cannot be requested when reading files.</summary>
    Database,

    /// <summary>A binary snapshot written by <see cref="RatingSnapshot.Write(RatingStore, string)"/>.
    /// Reported by <see cref="LoadReport.Format"/>; read snapshots with <see cref="RatingSnapshot.Read(string)"/>,
    /// so it cannot be requested when reading text.</summary>
    Snapshot,
}
