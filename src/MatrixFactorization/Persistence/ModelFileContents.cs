using MatrixFactorization.Data;

namespace MatrixFactorization.Persistence;

/// <summary>
/// What a model file holds besides the model: the options it was trained with, a summary of the
/// training, and the items each user saw, so recommendations can leave them out. All optional.
/// </summary>
public sealed record ModelFileContents
{
    /// <summary>The trainer's options (see <see cref="ModelSetting.FromProperties{T}(T)"/>); empty stores none.</summary>
    public IReadOnlyList<ModelSetting> TrainingOptions { get; init; } = [];

    /// <summary>What the training saw and reached; null stores none.</summary>
    public TrainingSummary? TrainingSummary { get; init; }

    /// <summary>
    /// Each user's training items, in the model's dense indices (see
    /// <see cref="SeenItems.FromRatings(RatingStore, IdMap, IdMap)"/> with the model's maps); null stores none.
    /// </summary>
    public SeenItems? SeenItems { get; init; }
}
