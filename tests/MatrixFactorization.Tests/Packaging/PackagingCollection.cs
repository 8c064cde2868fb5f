namespace MatrixFactorization.Tests.Packaging;

/// <summary>
/// The packaging tests share one pack of the checkout and run one after another. They build and
/// restore with the SDK; exclude them with <c>--filter "Category!=Packaging"</c> where that is too slow.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packaging";
    public const string Category = "Packaging";
}
