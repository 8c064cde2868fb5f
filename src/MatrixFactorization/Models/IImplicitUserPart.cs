namespace MatrixFactorization.Models;

/// <summary>
/// A factor model whose user vector has a part fixed by which items the user rated (SVD++'s
/// |N(u)|^−½ Σ y_j), so a fold-in adds that part and fits only the rest.
/// </summary>
internal interface IImplicitUserPart
{
    /// <summary>Writes the implicit part of a user who rated <paramref name="itemIndices"/> into <paramref name="destination"/>.</summary>
    void ImplicitPart(ReadOnlySpan<int> itemIndices, Span<float> destination);
}
