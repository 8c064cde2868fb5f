namespace MatrixFactorization.Data.Synthetic;

/// <summary>A generated rating store together with the model that generated it.</summary>
/// <param name="Store">
/// The ratings. Dense indices equal raw ids, 0..Users-1 and 0..Items-1, and every user and item is
/// in the index space even without ratings.
/// </param>
/// <param name="Model">The planted truth.</param>
/// <param name="NoiseFloorRmse">
/// The RMSE of the ratings against the planted mean ratings (<see cref="PlantedModel.Predict"/>),
/// computed exactly over the generated ratings: what a perfect model would score. It is close to
/// <see cref="PlantedModel.NoiseSd"/> without rounding and differs with rounding and clipping.
/// </param>
public sealed record SyntheticDataset(RatingStore Store, PlantedModel Model, double NoiseFloorRmse);
