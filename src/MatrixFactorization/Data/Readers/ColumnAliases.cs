namespace MatrixFactorization.Data.Readers;

/// <summary>Header names that commonly mean each column, for finding columns nobody named.</summary>
internal static class ColumnAliases
{
    public static readonly string[] User = ["userid", "user_id", "user", "uid", "customerid", "customer_id", "customer", "reviewerid"];

    public static readonly string[] Item = ["itemid", "item_id", "item", "movieid", "movie_id", "movie", "iid", "productid", "product_id", "product", "sku"];

    public static readonly string[] Rating = ["rating", "score", "stars", "value"];

    public static readonly string[] Timestamp = ["timestamp", "time", "ts", "date", "datetime", "unixtime", "unix_time"];
}
