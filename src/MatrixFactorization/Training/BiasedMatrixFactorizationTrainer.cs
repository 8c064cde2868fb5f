using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>Trains a <see cref="BiasedMatrixFactorizationModel"/> (r̂ = μ + b_u + b_i + p·q) by
/// parallel, reproducible SGD.</summary>
/// <param name="options">The settings; null for the defaults.</param>
public sealed class BiasedMatrixFactorizationTrainer(BiasedMatrixFactorizationOptions? options = null)
    : SgdTrainer<BiasedMatrixFactorizationOptions, BiasedMatrixFactorizationModel>(options ?? new BiasedMatrixFactorizationOptions())
{
    private protected override bool LearnsBiases => true;

    private protected override float BiasRegularization => Options.BiasRegularization;

    private protected override BiasedMatrixFactorizationModel CreateModel(TrainingDomain domain, SgdState state) =>
        new(domain, state.P, state.Q, state.UserBiases, state.ItemBiases, Options.ClipPredictions);
}
