using MatrixFactorization.Data;
using Microsoft.Data.Sqlite;

namespace MatrixFactorization.Tests.Data;

public sealed class SqliteSourceTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SqliteConnection _connection;

    public SqliteSourceTests()
    {
        _connection = new SqliteConnection($"Data Source={_folder.File("ratings.db")};Pooling=False");
        _connection.Open();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task MovieLens_ratings_round_trip_through_a_database()
    {
        // A quarter of the sample keeps the test quick; the rows are the sample's first users.
        RatingStore original = RatingReader.Read(BundledData.Ratings).Store;
        original = original.Subset([.. Enumerable.Range(0, 25_000)]);
        Execute("CREATE TABLE ratings (user_id INTEGER, movie_id INTEGER, rating REAL, ts INTEGER)");
        using (SqliteTransaction transaction = _connection.BeginTransaction())
        using (SqliteCommand insert = _connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO ratings VALUES ($u, $i, $r, $t)";
            SqliteParameter u = insert.Parameters.Add("$u", SqliteType.Integer);
            SqliteParameter i = insert.Parameters.Add("$i", SqliteType.Integer);
            SqliteParameter r = insert.Parameters.Add("$r", SqliteType.Real);
            SqliteParameter t = insert.Parameters.Add("$t", SqliteType.Integer);
            for (int p = 0; p < original.Count; p++)
            {
                Rating rating = original[p];
                u.Value = original.Users.GetInt64Id(rating.User);
                i.Value = original.Items.GetInt64Id(rating.Item);
                r.Value = (double)rating.Value;
                t.Value = original.GetTimestamp(p);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        using SqliteCommand query = _connection.CreateCommand();
        query.CommandText = "SELECT user_id, movie_id, rating, ts FROM ratings ORDER BY rowid";
        LoadResult result = await RatingReader.ReadAsync(query, new RatingReadOptions { TimestampColumn = "ts", SourceName = "ratings.db" });

        result.Report.Format.Should().Be(RatingFormat.Database);
        result.Report.SourceName.Should().Be("ratings.db");
        result.Report.LinesRead.Should().Be(original.Count);
        result.Store.Users.Kind.Should().Be(IdKind.Integer);
        result.Store.RawRatings().Should().Equal(original.RawRatings());
        result.Store.UserCount.Should().Be(original.Statistics.UsersWithRatings);
    }

    [Fact]
    public void String_ids_and_text_dates()
    {
        Execute("CREATE TABLE r (customer TEXT, sku TEXT, stars INTEGER, created TEXT)");
        Execute("INSERT INTO r VALUES ('alice', 'A-1', 5, '2020-01-02T03:04:05Z'), ('bob', 'A-1', 3, '1577934245')");

        using SqliteCommand query = Query("SELECT * FROM r ORDER BY rowid");
        RatingStore store = RatingReader.Read(query, new RatingReadOptions { TimestampColumn = "created" }).Store;

        store.Users.Kind.Should().Be(IdKind.String);
        store.RawRatings().Should().Equal(("alice", "A-1", 5f, 1577934245L), ("bob", "A-1", 3f, 1577934245L));
    }

    [Fact]
    public void Columns_by_index_from_a_data_reader()
    {
        Execute("CREATE TABLE r (a INTEGER, b INTEGER, c REAL)");
        Execute("INSERT INTO r VALUES (1, 2, 3.5), (1, 3, 4)");

        using SqliteCommand query = Query("SELECT c, b, a FROM r ORDER BY rowid");
        using SqliteDataReader reader = query.ExecuteReader();
        RatingStore store = RatingReader.Read(reader, new RatingReadOptions { UserColumn = 2, ItemColumn = 1, RatingColumn = 0 }).Store;

        store.RawRatings().Should().Equal(("1", "2", 3.5f, (long?)null), ("1", "3", 4f, null));
    }

    [Fact]
    public void Bad_rows_are_reported_by_row_and_column()
    {
        Execute("CREATE TABLE r (user_id INTEGER, item_id INTEGER, rating REAL)");
        Execute("INSERT INTO r VALUES (1, 2, 3), (1, NULL, 4), (2, 2, 'lots'), (3, 3, 9)");

        using SqliteCommand query = Query("SELECT * FROM r ORDER BY rowid");
        RatingFormatException e = FluentActions.Invoking(() => RatingReader.Read(query)).Should().Throw<RatingFormatException>().Which;
        (e.Line, e.Column, e.Value).Should().Be((2L, 2, "NULL"));
        e.Problem.Should().Contain("item_id");

        using SqliteCommand again = Query("SELECT * FROM r ORDER BY rowid");
        LoadResult skipped = RatingReader.Read(again, new RatingReadOptions { SkipBadLines = true, Scale = RatingScale.FiveStars });
        skipped.Store.Count.Should().Be(1);
        skipped.Report.LinesSkipped.Should().Be(3);
        skipped.Report.Errors.Select(x => (x.Line, x.Column, x.Value)).Should().Equal((2L, 2, "NULL"), (3L, 3, "lots"), (4L, 3, "9"));
    }

    [Fact]
    public void Missing_columns_are_named()
    {
        Execute("CREATE TABLE r (x INTEGER, y INTEGER)");

        using SqliteCommand query = Query("SELECT * FROM r");
        FluentActions.Invoking(() => RatingReader.Read(query)).Should().Throw<RatingDataException>()
            .Which.Hint.Should().Contain("x, y");
    }

    [Fact]
    public void An_empty_result_is_an_error()
    {
        Execute("CREATE TABLE r (user_id INTEGER, item_id INTEGER, rating REAL)");

        using SqliteCommand query = Query("SELECT * FROM r");
        FluentActions.Invoking(() => RatingReader.Read(query)).Should().Throw<RatingFormatException>().WithMessage("*no rows*");
    }

    private void Execute(string sql)
    {
        using SqliteCommand command = Query(sql);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Query(string sql)
    {
        SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
