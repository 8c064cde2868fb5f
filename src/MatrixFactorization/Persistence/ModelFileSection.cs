namespace MatrixFactorization.Persistence;

/// <summary>One section of a model file, as its header lists it.</summary>
/// <param name="Id">The four-character section id: <c>MODL</c> (the model), <c>TRNG</c> (training options and summary), <c>SEEN</c> (seen items), or one this library does not know.</param>
/// <param name="Offset">Where the section starts, in bytes from the start of the file.</param>
/// <param name="Length">The section's length in bytes.</param>
/// <param name="Checksum">The XXH3-64 checksum of the section's bytes, verified on opening; null in files of versions 1 and 2, which have none per section.</param>
/// <param name="IsKnown">Whether this library reads the section; unknown optional sections are skipped.</param>
public sealed record ModelFileSection(string Id, long Offset, long Length, ulong? Checksum, bool IsKnown);
