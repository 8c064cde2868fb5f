namespace MatrixFactorization.Tests.Architecture;

/// <summary>One type that uses another, both by full name: the evidence behind a namespace edge.</summary>
/// <param name="From">The type that uses (its outermost declaring type, for a nested or compiler-generated one).</param>
/// <param name="To">The type that is used.</param>
internal readonly record struct TypeDependency(string From, string To) : IComparable<TypeDependency>
{
    public int CompareTo(TypeDependency other)
    {
        int byFrom = string.CompareOrdinal(From, other.From);
        return byFrom != 0 ? byFrom : string.CompareOrdinal(To, other.To);
    }

    public override string ToString() => $"{From} uses {To}";
}
