using MatrixFactorization.Training;

namespace MatrixFactorization.Cli.Commands;

/// <summary>How many epochs a training run of a model is planned to take, for its progress bar.</summary>
internal static class ModelEpochs
{
    /// <summary>The epochs asked for, or the model's default; null for models that make one pass
    /// (popularity, EASE). Early stopping may end a run sooner.</summary>
    public static int? Planned(ModelChoice choice, int? given) => choice switch
    {
        ModelChoice.Popularity or ModelChoice.Ease => null,
        ModelChoice.Baseline => given ?? 10,
        ModelChoice.Mf => given ?? new MatrixFactorizationOptions().Epochs,
        ModelChoice.Biased => given ?? new BiasedMatrixFactorizationOptions().Epochs,
        ModelChoice.Neural => given ?? new NeuralOptions().Epochs,
        ModelChoice.Als => given ?? new ImplicitAlsOptions().Epochs,
        ModelChoice.Bpr => given ?? new BprOptions().Epochs,
        ModelChoice.Alswr => given ?? new ExplicitAlsOptions().Epochs,
        ModelChoice.Svdpp => given ?? new SvdPlusPlusOptions().Epochs,
        _ => given,
    };
}
