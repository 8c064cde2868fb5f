using MatrixFactorization.Kernels;
using MatrixFactorization.Tests.Support;

namespace MatrixFactorization.Tests.Kernels;

public class AllocationTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(1100)]
    public void Kernels_allocate_nothing(int columns)
    {
        FactorMatrix matrix = ScoreAllTests.RandomMatrix(9, columns, seed: 1);
        float[] a = TestVectors.Uniform(columns, seed: 2), b = TestVectors.Uniform(columns, seed: 3);
        float[] ga = new float[columns], gb = new float[columns], scores = new float[9], norms = new float[9];

        void RunAll()
        {
            _ = FactorKernels.Dot(a, b);
            FactorKernels.SgdStep(a, b, 0.1f, 0.01f, 0.02f, 0.02f);
            _ = FactorKernels.AdaGradUpdate(KernelDispatch.Active, a, b, ref ga[0], ref gb[0], 0.1f, 0f, 0.01f, 0.02f, 0.02f);
            FactorKernels.Axpy(0.5f, a, b);
            FactorKernels.Scale(a, 0.9f);
            FactorKernels.AdamStep(a, b, ga, gb, 0.01f, 0.9f, 0.999f, 1e-8f, 0f, 1);
            FactorKernels.ScoreAll(a, matrix, scores);
            FactorKernels.CosineSimilarityAll(a, matrix, scores);
            FactorKernels.RowNorms(matrix, norms);
            FactorKernels.CosineSimilarityAll(a, matrix, norms, scores);
        }

        RunAll();
        Allocations.FewestPerWindow(RunAll).Should().Be(0);
    }
}
