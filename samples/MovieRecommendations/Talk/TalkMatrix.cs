namespace MovieRecommendations.Talk;

/// <summary>
/// The example of Luis Serrano's talk "Matrix Factorization and Movie Recommendations": four
/// friends rate five movies, and every rating is how much a friend likes comedy times how much
/// comedy a movie has, plus the same for action.
/// </summary>
internal static class TalkMatrix
{
    public static readonly string[] Users = ["Ana", "Betty", "Carlos", "Dana"];

    public static readonly string[] Movies = ["Movie 1", "Movie 2", "Movie 3", "Movie 4", "Movie 5"];

    /// <summary>The ratings, one row per friend, one column per movie.</summary>
    public static readonly int[,] Ratings =
    {
        { 3, 1, 1, 3, 1 },
        { 1, 2, 4, 1, 3 },
        { 3, 1, 1, 3, 1 },
        { 4, 3, 5, 4, 4 },
    };

    /// <summary>The talk's item features: how much comedy and how much action each movie has.</summary>
    public static readonly int[] Comedy = [3, 1, 1, 3, 1];

    /// <summary>The talk's action feature of each movie.</summary>
    public static readonly int[] Action = [1, 2, 4, 1, 3];

    /// <summary>The talk's user features (comedy, action): Ana and Carlos like comedy, Betty action, Dana both.</summary>
    public static readonly int[,] Tastes =
    {
        { 1, 0 },
        { 0, 1 },
        { 1, 0 },
        { 1, 1 },
    };
}
