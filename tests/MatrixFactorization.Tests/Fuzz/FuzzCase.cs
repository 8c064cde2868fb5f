namespace MatrixFactorization.Tests.Fuzz;

/// <summary>One generated input: its bytes, the call that reads them (its allocations are measured),
/// an optional use of what was read (not measured), and a description of the options, to reproduce it.</summary>
internal sealed record FuzzCase(byte[] Bytes, Func<byte[], object?> Read, Action<object?>? Use, string Options);
