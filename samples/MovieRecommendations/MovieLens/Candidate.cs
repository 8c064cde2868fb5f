using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MovieRecommendations.MovieLens;

/// <summary>A model to compare: its name, its epochs (for the progress bar) and how to train it.</summary>
/// <param name="Name">The model's name in the table.</param>
/// <param name="Epochs">The most epochs its trainer runs.</param>
/// <param name="Fit">Trains it on some ratings, scoring each epoch on the validation ratings when given.</param>
/// <param name="DrawsCurve">Whether its held-out score after every epoch is recorded for the learning curve.</param>
internal sealed record Candidate(string Name, int Epochs, Func<RatingStore, RatingStore?, IProgress<EpochReport>, IScoringModel> Fit, bool DrawsCurve)
{
    public static Candidate Of<TModel>(string name, TrainerOptions options, ITrainer<TModel> trainer, bool drawsCurve = false)
        where TModel : IScoringModel =>
        new(name, options.Epochs, (train, validation, progress) => trainer.Fit(train, validation, progress), drawsCurve);
}
