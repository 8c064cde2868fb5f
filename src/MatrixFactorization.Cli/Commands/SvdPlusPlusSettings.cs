using MatrixFactorization.Training;

namespace MatrixFactorization.Cli.Commands;

/// <summary>The SVD++ options of <c>mf train</c>, <c>mf cv</c> and <c>mf search</c>: the defaults with the settings given.</summary>
internal static class SvdPlusPlusSettings
{
    public static SvdPlusPlusOptions Options(Values given)
    {
        var defaults = new SvdPlusPlusOptions();
        return defaults with
        {
            FactorCount = given.Factors ?? defaults.FactorCount,
            Epochs = given.Epochs ?? defaults.Epochs,
            LearningRate = given.LearningRate ?? defaults.LearningRate,
            LearningRateDecay = given.LearningRateDecay ?? defaults.LearningRateDecay,
            FactorRegularization = given.Regularization ?? defaults.FactorRegularization,
            BiasRegularization = given.BiasRegularization ?? defaults.BiasRegularization,
            ImplicitRegularization = given.ImplicitRegularization ?? defaults.ImplicitRegularization,
            Threads = given.Threads ?? defaults.Threads,
            Seed = given.Seed ?? defaults.Seed,
        };
    }

    /// <summary>The settings given on the command line; null keeps the default.</summary>
    public sealed record Values(int? Factors, int? Epochs, float? LearningRate, float? Regularization, float? BiasRegularization, float? ImplicitRegularization)
    {
        public float? LearningRateDecay { get; init; }

        public int? Threads { get; init; }

        public ulong? Seed { get; init; }
    }
}
