using MatrixFactorization.Kernels;
using Xunit.Sdk;

namespace MatrixFactorization.Tests.Kernels;

internal static class Padding
{
    /// <summary>Every float between a row's logical end and the next row's start is zero.</summary>
    public static void AssertZero(FactorMatrix matrix, string what)
    {
        for (int r = 0; r < matrix.Rows; r++)
        {
            Span<float> padded = matrix.PaddedRow(r);
            for (int c = matrix.Columns; c < matrix.Stride; c++)
            {
                if (padded[c] != 0f)
                {
                    throw new XunitException($"{what}: row {r} padding [{c}] is {padded[c]:R}.");
                }
            }
        }
    }
}
