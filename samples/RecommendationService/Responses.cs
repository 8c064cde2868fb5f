namespace RecommendationService;

/// <summary>An item in an answer: its id, its title when titles are configured, and its score.</summary>
public sealed record RecommendedItem(string Id, string? Title, float Score);

/// <summary>A user's list; <c>ColdStart</c> when the model does not know the user and the list is the cold-start one.</summary>
public sealed record UserRecommendations(string User, bool ColdStart, IReadOnlyList<RecommendedItem> Items);

/// <summary>A new user's list, with the rated items the model does not know (they could not be used).</summary>
public sealed record NewUserRecommendations(int RatingsUsed, IReadOnlyList<string> UnknownItems, IReadOnlyList<RecommendedItem> Items);

/// <summary>The items most like one item.</summary>
public sealed record SimilarItems(string Item, string? Title, IReadOnlyList<RecommendedItem> Items);

/// <summary>What <c>/health</c> reports.</summary>
public sealed record HealthReport(string Status, string Model, int Users, int Items);
