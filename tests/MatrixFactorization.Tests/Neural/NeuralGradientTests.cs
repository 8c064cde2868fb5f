using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Neural;

/// <summary>
/// Finite-difference checks of backpropagation: every parameter group (each layer's weights and
/// biases, both embedding tables, both bias vectors) against central differences of the batch
/// mean squared error plus the embedding penalty, with dropout active (its mask depends only on seed, epoch and position, so
/// the perturbed losses see the same mask).
/// </summary>
public sealed class NeuralGradientTests
{
    private const float Step = 1e-3f;

    [Theory]
    [InlineData(false, false, 0f, 0f)]
    [InlineData(true, false, 0.25f, 0f)]
    [InlineData(true, true, 0.25f, 0.3f)]
    [InlineData(false, true, 0f, 0.3f)]
    [InlineData(true, false, 0f, 0.3f)]
    public void Every_gradient_matches_central_differences_of_the_loss(bool biases, bool squash, float dropout, float regularization)
    {
        RatingStore train = TinyStore();
        NeuralOptions options = new()
        {
            UserEmbeddingLength = 4,
            ItemEmbeddingLength = 3,
            HiddenLayers = [6, 5],
            Dropout = dropout,
            EmbeddingRegularization = regularization,
            UseBiases = biases,
            SquashOutput = squash,
            BatchSize = 0,
            EmbeddingScale = 0.8f,
            Threads = 1,
            Seed = 9,
        };
        NeuralState state = NeuralState.Create(train, options, TrainingDomain.From(train));
        Randomize(state);
        using var engine = new NeuralEngine(state, train, options);

        engine.ComputeGradients(1, 0, train.Count);
        float[] dense = state.DenseGradient.ToArray();
        float[] users = Flatten(state.UserGradient);
        float[] items = Flatten(state.ItemGradient);
        float[] userBiases = state.UserBiases?.Gradient.ToArray() ?? [];
        float[] itemBiases = state.ItemBiases?.Gradient.ToArray() ?? [];
        engine.ClearGradients();

        double Loss()
        {
            double sum = engine.ComputeGradients(1, 0, train.Count);
            engine.ClearGradients();
            return sum / train.Count;
        }

        NeuralLayers layers = state.Layers;
        for (int l = 0; l < layers.LayerCount; l++)
        {
            int weights = layers.InputWidth(l) * layers.OutputWidth(l);
            Check($"layer {l} weights", dense.AsSpan(layers.WeightOffset(l), weights), layers.Parameters.AsMemory(layers.WeightOffset(l), weights), Loss);
            Check($"layer {l} biases", dense.AsSpan(layers.BiasOffset(l), layers.OutputWidth(l)), layers.Parameters.AsMemory(layers.BiasOffset(l), layers.OutputWidth(l)), Loss);
        }

        CheckMatrix("user embeddings", users, state.UserEmbeddings, Loss);
        CheckMatrix("item embeddings", items, state.ItemEmbeddings, Loss);
        if (biases)
        {
            Check("user biases", userBiases, state.UserBiases!.Values, Loss);
            Check("item biases", itemBiases, state.ItemBiases!.Values, Loss);
        }
    }

    [Fact]
    public void The_training_loss_is_the_mean_squared_error_of_the_model_without_dropout()
    {
        RatingStore train = TinyStore();
        NeuralOptions options = new() { UserEmbeddingLength = 4, ItemEmbeddingLength = 3, HiddenLayers = [6], Dropout = 0f, EmbeddingRegularization = 0f, BatchSize = 0, EmbeddingScale = 0.8f, Threads = 1, SquashOutput = true };
        TrainingDomain domain = TrainingDomain.From(train);
        NeuralState state = NeuralState.Create(train, options, domain);
        Randomize(state);
        using var engine = new NeuralEngine(state, train, options);
        IRatingModel model = state.ToModel(domain, clip: false);

        double expected = 0;
        for (int k = 0; k < train.Count; k++)
        {
            double e = model.PredictByIndex(train.UserIndices[k], train.ItemIndices[k]).Value - train.Values[k];
            expected += e * e;
        }

        engine.ComputeGradients(1, 0, train.Count).Should().BeApproximately(expected, 1e-4 * expected);
    }

    [Theory]
    [InlineData(-3f)]
    [InlineData(-0.4f)]
    [InlineData(0f)]
    [InlineData(1.7f)]
    public void The_squashed_output_derivative_matches_central_differences(float z)
    {
        NeuralOutput output = NeuralOutput.Create(3.4f, squash: true, 0.5f, 5f, 0.5f);
        double numeric = ((double)output.Apply(z + Step) - output.Apply(z - Step)) / (2 * Step);
        output.Derivative(z).Should().BeApproximately((float)numeric, 2e-3f);
        output.Apply(0f).Should().BeApproximately(3.4f, 1e-4f, "an untrained network predicts the mean");
        NeuralOutput.Create(3.4f, squash: false, 0.5f, 5f, 0.5f).Derivative(z).Should().Be(1f);
    }

    private static void CheckMatrix(string name, float[] analytic, FactorMatrix matrix, Func<double> loss)
    {
        float[] numeric = new float[analytic.Length];
        int k = 0;
        for (int row = 0; row < matrix.Rows; row++)
        {
            for (int c = 0; c < matrix.Columns; c++)
            {
                numeric[k++] = Central(matrix, row, c, loss);
            }
        }

        Compare(name, analytic, numeric);
    }

    private static float Central(FactorMatrix matrix, int row, int column, Func<double> loss)
    {
        float saved = matrix.Row(row)[column];
        matrix.Row(row)[column] = saved + Step;
        double plus = loss();
        matrix.Row(row)[column] = saved - Step;
        double minus = loss();
        matrix.Row(row)[column] = saved;
        return (float)((plus - minus) / (2 * Step));
    }

    private static void Check(string name, ReadOnlySpan<float> analytic, Memory<float> parameters, Func<double> loss)
    {
        float[] numeric = new float[parameters.Length];
        for (int k = 0; k < numeric.Length; k++)
        {
            float saved = parameters.Span[k];
            parameters.Span[k] = saved + Step;
            double plus = loss();
            parameters.Span[k] = saved - Step;
            double minus = loss();
            parameters.Span[k] = saved;
            numeric[k] = (float)((plus - minus) / (2 * Step));
        }

        Compare(name, analytic.ToArray(), numeric);
    }

    /// <summary>Relative error of the whole group (robust to a few tiny entries) plus a loose per-entry bound.</summary>
    private static void Compare(string name, float[] analytic, float[] numeric)
    {
        double difference = 0, norm = 0;
        for (int k = 0; k < analytic.Length; k++)
        {
            difference += Math.Pow(analytic[k] - numeric[k], 2);
            norm += Math.Pow(analytic[k], 2) + Math.Pow(numeric[k], 2);
            Math.Abs(analytic[k] - numeric[k]).Should().BeLessThan(
                (float)(0.02 * Math.Max(Math.Abs(analytic[k]), Math.Abs(numeric[k]))) + 1e-3f,
                $"{name}[{k}]: analytic {analytic[k]}, numeric {numeric[k]}");
        }

        norm.Should().BeGreaterThan(1e-6, $"{name} must have some gradient for the check to mean anything");
        Math.Sqrt(difference / norm).Should().BeLessThan(5e-3, name);
    }

    private static float[] Flatten(FactorMatrix matrix)
    {
        var values = new List<float>();
        for (int row = 0; row < matrix.Rows; row++)
        {
            values.AddRange(matrix.Row(row).ToArray());
        }

        return [.. values];
    }

    /// <summary>Moves every parameter off its initial value (biases are zero there) so each path carries gradient.</summary>
    private static void Randomize(NeuralState state)
    {
        var rng = new Random(3);
        foreach (ref float p in state.Layers.Parameters.AsSpan())
        {
            p += (float)((rng.NextDouble() - 0.5) * 0.6);
        }

        if (state.UserBiases is not null)
        {
            foreach (ref float b in state.UserBiases.Values.AsSpan())
            {
                b = (float)(rng.NextDouble() - 0.5);
            }

            foreach (ref float b in state.ItemBiases!.Values.AsSpan())
            {
                b = (float)(rng.NextDouble() - 0.5);
            }
        }
    }

    private static RatingStore TinyStore()
    {
        var builder = new RatingStoreBuilder();
        var rng = new Random(17);
        for (int u = 0; u < 6; u++)
        {
            for (int i = 0; i < 5; i++)
            {
                if (rng.NextDouble() < 0.6)
                {
                    builder.Add(u, i, 1 + (rng.Next(9) * 0.5f));
                }
            }
        }

        return builder.Build();
    }
}
