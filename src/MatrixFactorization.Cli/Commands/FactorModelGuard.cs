using MatrixFactorization.Models;

namespace MatrixFactorization.Cli.Commands;

/// <summary>Turns a model the ranking code cannot use into a usage error with a plain message.</summary>
internal static class FactorModelGuard
{
    public static void RequireRankable(IRatingModel model)
    {
        if (model is not (MatrixFactorizationModel or BiasedMatrixFactorizationModel or BaselineModel or NeuralModel))
        {
            throw new UsageException($"a {model.GetType().Name} cannot be ranked with; use a baseline, mf, biased or neural model.");
        }
    }
}
