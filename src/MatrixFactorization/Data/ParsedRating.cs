namespace MatrixFactorization.Data;

/// <summary>A rating with dense ids as a parser produces it, before it joins the builder's
/// arrays. Parsers fill a small batch of these, which costs one bounds check per rating
/// instead of one per array.</summary>
/// <param name="User">The dense user index.</param>
/// <param name="Item">The dense item index.</param>
/// <param name="Value">The rating.</param>
/// <param name="Time">The timestamp in Unix seconds, when the batch has them.</param>
internal record struct ParsedRating(int User, int Item, float Value, long Time);
