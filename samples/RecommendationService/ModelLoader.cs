using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;
using MatrixFactorization.Training;

namespace RecommendationService;

/// <summary>Loads the configured model, training and saving one first when the configuration asks for it.</summary>
internal static class ModelLoader
{
    public static IScoringModel LoadOrTrain(string modelPath, RatingStore? ratings, bool trainIfMissing, ILogger logger)
    {
        if (File.Exists(modelPath))
        {
            IScoringModel model = ModelSerializer.Load(modelPath);
            logger.LogInformation("Loaded a {Model} of {Users} users and {Items} items from {Path}", model.GetType().Name, model.Users.Count, model.Items.Count, modelPath);
            return model;
        }

        if (!trainIfMissing || ratings is null)
        {
            throw new FileNotFoundException(
                $"The model file '{modelPath}' does not exist. Save one with ModelSerializer.Save or 'mf train --save', "
                + $"or set {RecommendationOptions.Section}:TrainIfMissing to true with {RecommendationOptions.Section}:RatingsPath naming the training ratings.",
                modelPath);
        }

        logger.LogInformation("No model at {Path}; training a biased model on {Ratings} ratings", modelPath, ratings.Count);
        BiasedMatrixFactorizationModel trained = new BiasedMatrixFactorizationTrainer().Fit(ratings);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(modelPath))!);

        // Saved atomically: a second instance starting at the same time loads a whole model or trains its own.
        ModelSerializer.Save(trained, modelPath);
        logger.LogInformation("Saved the model to {Path}", modelPath);
        return trained;
    }
}
