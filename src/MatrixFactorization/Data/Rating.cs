namespace MatrixFactorization.Data;

/// <summary>One rating in dense-index form.</summary>
/// <param name="User">The dense user index.</param>
/// <param name="Item">The dense item index.</param>
/// <param name="Value">The rating.</param>
public readonly record struct Rating(int User, int Item, float Value);
