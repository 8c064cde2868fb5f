namespace MatrixFactorization.Tests.Fuzz;

/// <summary>An input that made a reader fail in an undocumented way, hang or allocate beyond its bound.</summary>
internal sealed record FuzzFinding(string Target, int Seed, long Index, string Kind, string Exception, string Options, string SavedAs)
{
    public override string ToString() =>
        $"{Target} seed {Seed} input {Index}: {Kind} {Exception}\n    options: {Options}\n    saved as {SavedAs}";
}
