using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>Trains a <see cref="MatrixFactorizationModel"/> (r̂ = p·q) by parallel, reproducible SGD.</summary>
/// <param name="options">The settings; null for the defaults.</param>
public sealed class MatrixFactorizationTrainer(MatrixFactorizationOptions? options = null)
    : SgdTrainer<MatrixFactorizationOptions, MatrixFactorizationModel>(options ?? new MatrixFactorizationOptions())
{
    private protected override bool LearnsBiases => false;

    private protected override MatrixFactorizationModel CreateModel(TrainingDomain domain, SgdState state) =>
        new(domain, state.P, state.Q, Options.ClipPredictions);
}
