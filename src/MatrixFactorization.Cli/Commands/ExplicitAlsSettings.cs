using MatrixFactorization.Training;

namespace MatrixFactorization.Cli.Commands;

/// <summary>The explicit-ALS options of <c>mf train</c> and <c>mf search</c>: the defaults with the settings given.</summary>
internal static class ExplicitAlsSettings
{
    public static ExplicitAlsOptions Options(int? factors, int? epochs, float? regularization, float? biasRegularization, int? threads, ulong? seed)
    {
        var defaults = new ExplicitAlsOptions();
        return defaults with
        {
            FactorCount = factors ?? defaults.FactorCount,
            Epochs = epochs ?? defaults.Epochs,
            Regularization = regularization ?? defaults.Regularization,
            BiasRegularization = biasRegularization ?? defaults.BiasRegularization,
            Threads = threads ?? defaults.Threads,
            Seed = seed ?? defaults.Seed,
        };
    }
}
