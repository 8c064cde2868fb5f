namespace RecommendationService;

/// <summary>The "Recommendations" section of the configuration. Relative paths are relative to the content root.</summary>
public sealed class RecommendationOptions
{
    public const string Section = "Recommendations";

    /// <summary>The model file the service loads at start (saved with ModelSerializer.Save or 'mf train --save').</summary>
    public string ModelPath { get; set; } = "model.mf";

    /// <summary>
    /// The training ratings: items a known user rated are left out of their lists, and, with
    /// <see cref="TrainIfMissing"/>, a missing model is trained from them. Optional.
    /// </summary>
    public string? RatingsPath { get; set; }

    /// <summary>A MovieLens movies.csv whose titles are added to the answers. Optional.</summary>
    public string? TitlesPath { get; set; }

    /// <summary>Train a biased model from <see cref="RatingsPath"/> and save it when <see cref="ModelPath"/> does not exist.</summary>
    public bool TrainIfMissing { get; set; }

    /// <summary>Items with fewer ratings than this in <see cref="RatingsPath"/> are left out of the lists; 0 keeps all.</summary>
    public int MinimumItemRatings { get; set; }

    /// <summary>The largest <c>count</c> a request may ask for.</summary>
    public int MaximumCount { get; set; } = 100;
}
