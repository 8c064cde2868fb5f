using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Neural;

/// <summary>The shared model contract, on a small network so the suite stays fast.</summary>
public sealed class NeuralModelContract : RatingModelContract
{
    internal static NeuralOptions Small(int seed = 42, int threads = 1) => new()
    {
        UserEmbeddingLength = 8,
        ItemEmbeddingLength = 6,
        HiddenLayers = [8],
        BatchSize = 64,
        Epochs = 40,
        LearningRate = 0.01f,
        LearningRateStepEpochs = 0,
        WeightDecay = 0.01f,
        Seed = (ulong)seed,
        Threads = threads,
    };

    protected override IRatingModel Train(RatingStore train, int seed = 42, int threads = 1) =>
        new NeuralTrainer(Small(seed, threads)).Fit(train);
}

/// <summary>The contract again with two hidden layers, output squashing and no bias path.</summary>
public sealed class SquashedNeuralModelContract : RatingModelContract
{
    protected override IRatingModel Train(RatingStore train, int seed = 42, int threads = 1) =>
        new NeuralTrainer(NeuralModelContract.Small(seed, threads) with
        {
            HiddenLayers = [8, 4],
            UseBiases = false,
            SquashOutput = true,
            OutputMargin = 0.5f,
        }).Fit(train);
}
