using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

/// <summary>
/// The Gram kernel against PᵀP summed in double by a plain triple loop, on every path, for factor
/// counts on and off the vector widths and panels of ragged lengths: the upper triangle of the
/// factor block and the whole rows of the extra columns must hold the sums.
/// </summary>
public sealed class GramKernelTests
{
    public static TheoryData<KernelPath, int> PathsAndFactors()
    {
        var data = new TheoryData<KernelPath, int>();
        foreach (KernelPath path in KernelDispatch.AvailablePaths)
        {
            foreach (int k in new[] { 1, 8, 63, 64, 65, 128 })
            {
                data.Add(path, k);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PathsAndFactors))]
    public void Sums_the_products_of_the_panels_columns(KernelPath path, int k)
    {
        foreach (int count in new[] { 1, 5, 64, 67 })
        {
            foreach (bool accumulate in new[] { false, true })
            {
                Check(path, k, extra: 2, count, accumulate, seed: (k * 131) + count);
            }
        }
    }

    [Theory]
    [InlineData(KernelPath.Scalar)]
    [InlineData(KernelPath.Vector128)]
    [InlineData(KernelPath.Vector256)]
    [InlineData(KernelPath.Vector512)]
    public void Works_without_extra_columns_and_with_many(KernelPath path)
    {
        if (!KernelDispatch.AvailablePaths.Contains(path))
        {
            return;
        }

        Check(path, 17, extra: 0, count: 9, accumulate: false, seed: 1);
        Check(path, 30, extra: 7, count: 9, accumulate: true, seed: 2);
    }

    private static void Check(KernelPath path, int k, int extra, int count, bool accumulate, int seed)
    {
        int width = k + extra;
        var random = new Random(seed);

        // One spare panel row, as the kernel may read a few floats past a row's width.
        var panel = new FactorMatrix(count + 1, width);
        for (int j = 0; j < count; j++)
        {
            Span<float> row = panel.Row(j);
            for (int f = 0; f < width; f++)
            {
                row[f] = (random.NextSingle() * 2) - 1;
            }
        }

        var gram = new FactorMatrix(width, panel.Stride);
        var start = new float[width, width];
        for (int f = 0; f < width; f++)
        {
            for (int g = 0; g < width; g++)
            {
                start[f, g] = random.NextSingle();
                gram.Row(f)[g] = start[f, g];
            }
        }

        GramKernel.Compute(path, ref panel.RowReference(0), panel.Stride, count, k, width, ref gram.RowReference(0), gram.Stride, accumulate);

        for (int f = 0; f < width; f++)
        {
            for (int g = f < k ? f : 0; g < (f < k ? k : width); g++)
            {
                double exact = accumulate ? start[f, g] : 0, magnitude = Math.Abs(exact);
                for (int j = 0; j < count; j++)
                {
                    double product = (double)panel.Row(j)[f] * panel.Row(j)[g];
                    exact += product;
                    magnitude += Math.Abs(product);
                }

                // Float rounding of count + 1 terms in any order, each step 2⁻²⁴ relative.
                double bound = 2.0 * (count + 4) * Math.ScaleB(1, -24) * magnitude;
                Math.Abs(gram.Row(f)[g] - exact).Should().BeLessThanOrEqualTo(bound, $"entry ({f}, {g}) with k = {k}, {count} rows");
            }
        }
    }
}
