using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MovieRecommendations.MovieLens;

/// <summary>A model to compare: its name, its epochs (for the progress bar) and how to train it.</summary>
internal sealed record Candidate(string Name, int Epochs, Func<RatingStore, RatingStore?, IProgress<EpochReport>, IScoringModel> Fit)
{
    public static Candidate Of<TModel>(string name, TrainerOptions options, ITrainer<TModel> trainer)
        where TModel : IScoringModel =>
        new(name, options.Epochs, (train, validation, progress) => trainer.Fit(train, validation, progress));
}
