namespace MatrixFactorization.Tests.Fuzz;

/// <summary>
/// A reader under fuzzing: how to make the next input from the seeded random source and the
/// mutator, which exceptions are its documented failures, and the allocation it may make for an
/// input of a given size (null for no bound).
/// </summary>
internal sealed record FuzzTarget(
    string Name,
    IReadOnlyList<byte[]> Corpus,
    Func<Random, Mutator, FuzzCase> Next,
    Func<Exception, bool> IsDocumented,
    Func<long, long>? AllocationBound = null);
