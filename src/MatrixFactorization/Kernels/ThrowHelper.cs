using System.Diagnostics.CodeAnalysis;

namespace MatrixFactorization.Kernels;

// Throws live out of line so the kernels' argument checks stay small enough to inline.
internal static class ThrowHelper
{
    [DoesNotReturn]
    internal static void LengthMismatch(string paramName) =>
        throw new ArgumentException("Spans must have the same length.", paramName);

    [DoesNotReturn]
    internal static void WrongLength(string paramName, int expected, int actual) =>
        throw new ArgumentException($"Expected length {expected}, got {actual}.", paramName);
}
