using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// The EASE fit as the epoch loop runs it: epoch 1 solves for the weights in closed form (see
/// <see cref="EaseSolver"/>) and prepares the model's user scores; later epochs change nothing.
/// </summary>
internal sealed class EaseEngine(InteractionMatrix interactions, EaseModel model, EaseOptions options) : IEpochRunner, ITrainingState
{
    private double _loss;

    /// <summary>None: the one solve is final and later epochs change nothing, so early stopping
    /// has nothing to set aside (a copy would be 4 bytes × items²).</summary>
    public int ParameterSpanCount => 0;

    public Span<float> ParameterSpan(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public bool IsFinite()
    {
        FactorMatrix weights = model.Weights;
        for (int j = 0; j < weights.Rows; j++)
        {
            foreach (float w in weights.GetRow(j))
            {
                if (!float.IsFinite(w))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Solves on the first epoch and returns Σ (x_ui − score)² over the training
    /// interactions: how far the model is from reproducing each user's own entries.</summary>
    public double RunEpoch(int epoch, float learningRate, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        if (epoch > 1)
        {
            return _loss;
        }

        int threads = options.EffectiveThreads;
        try
        {
            EaseSolver.Solve(interactions, options.Lambda, options.Solution, threads, model.Weights, cancellation);
        }
        catch (ArithmeticException e)
        {
            throw new TrainingDivergedException(
                $"The EASE solve failed at λ = {options.Lambda}: XᵀX + λI is not positive definite to working precision. Raise Lambda.", e);
        }

        model.PrecomputeUserScores(threads);
        _loss = ReconstructionError();
        return _loss;
    }

    /// <summary>Nothing to release.</summary>
    public void Dispose()
    {
    }

    private double ReconstructionError()
    {
        double loss = 0;
        float[] scores = new float[interactions.ColumnCount];
        for (int u = 0; u < interactions.RowCount; u++)
        {
            ReadOnlySpan<int> items = interactions.Row(u);
            Span<float> own = scores.AsSpan(0, items.Length);
            model.ScoreItems(u, items, own);
            ReadOnlySpan<float> entries = interactions.RowValues(u);
            for (int k = 0; k < own.Length; k++)
            {
                double error = entries[k] - (double)own[k];
                loss += error * error;
            }
        }

        return loss;
    }
}
