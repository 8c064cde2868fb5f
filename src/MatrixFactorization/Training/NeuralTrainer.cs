using System.Diagnostics;
using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Trains a <see cref="NeuralModel"/> by mini-batch (or full-batch) Adam with decoupled weight decay,
/// a step-decay learning-rate schedule, dropout and optional early stopping, on all threads.
/// </summary>
/// <param name="options">The settings; null for the defaults.</param>
public sealed class NeuralTrainer(NeuralOptions? options = null)
{
    /// <summary>The settings this trainer uses.</summary>
    public NeuralOptions Options { get; } = options ?? new NeuralOptions();

    /// <summary>Trains a model. The same options and data give a bit-identical model for any thread count.</summary>
    /// <param name="train">The training ratings.</param>
    /// <param name="validation">Optional validation ratings, for per-epoch RMSE and early stopping.</param>
    /// <param name="progress">Receives a report after every epoch.</param>
    /// <param name="cancellation">Stops training between batches; no model is returned then.</param>
    /// <returns>The trained model (the best epoch's, with early stopping).</returns>
    /// <exception cref="TrainingDivergedException">The loss became non-finite.</exception>
    /// <exception cref="OperationCanceledException">Training was cancelled.</exception>
    public NeuralModel Fit(
        RatingStore train,
        RatingStore? validation = null,
        IProgress<EpochReport>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        Options.Validate();
        if (train.Count == 0)
        {
            throw new ArgumentException("The training store has no ratings.", nameof(train));
        }

        TrainingDomain domain = TrainingDomain.From(train);
        NeuralState state = NeuralState.Create(train, Options, domain);
        NeuralModel model = state.ToModel(domain, Options.ClipPredictions);
        (int[] Users, int[] Items, float[] Values)? validationSet = validation is null ? null : Map(validation, domain);
        using var engine = new NeuralEngine(state, train, Options);

        NeuralSnapshot? best = null;
        var earlyStopping = new EarlyStopping(Options.EarlyStoppingPatience, validationSet is not null);
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            float learningRate = Options.LearningRateAt(epoch);
            long start = Stopwatch.GetTimestamp();
            double loss = engine.RunEpoch(epoch, learningRate, cancellation);
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            if (!double.IsFinite(loss) || !state.IsFinite())
            {
                throw new TrainingDivergedException(epoch, learningRate);
            }

            double? validationRmse = validationSet is { } v ? Rmse(model, v.Users, v.Items, v.Values) : null;
            progress?.Report(new EpochReport(
                epoch,
                Math.Sqrt(loss / train.Count),
                validationRmse,
                learningRate,
                elapsed,
                train.Count / Math.Max(elapsed.TotalSeconds, 1e-9)));

            EarlyStopping.Decision decision = earlyStopping.Observe(validationRmse);
            if (decision == EarlyStopping.Decision.Improved)
            {
                best ??= new NeuralSnapshot(state);
                best.Save(state);
            }
            else if (decision == EarlyStopping.Decision.Stop)
            {
                break;
            }
        }

        best?.Restore(state);
        return model;
    }

    private static (int[] Users, int[] Items, float[] Values) Map(RatingStore validation, TrainingDomain domain)
    {
        int[] userMap = IdTranslation.Map(validation.Users, domain.Users);
        int[] itemMap = IdTranslation.Map(validation.Items, domain.Items);
        var users = new int[validation.Count];
        var items = new int[validation.Count];
        for (int k = 0; k < validation.Count; k++)
        {
            users[k] = userMap[validation.UserIndices[k]];
            items[k] = itemMap[validation.ItemIndices[k]];
        }

        return (users, items, validation.Values.ToArray());
    }

    /// <summary>RMSE of the model as it stands, fallbacks and clipping included, as it will be scored.</summary>
    private static double Rmse(NeuralModel model, int[] users, int[] items, float[] values)
    {
        double sum = 0;
        for (int k = 0; k < values.Length; k++)
        {
            double error = values[k] - model.Predict(users[k], items[k]).Value;
            sum += error * error;
        }

        return values.Length == 0 ? 0 : Math.Sqrt(sum / values.Length);
    }
}
