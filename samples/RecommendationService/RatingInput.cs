using System.Text.Json;

namespace RecommendationService;

/// <summary>One rating of a new user: <c>{"item": 1, "rating": 4.5}</c>; the item id may be a JSON number or string.</summary>
public sealed record RatingInput(JsonElement? Item, float? Rating)
{
    /// <summary>The item id as text, or null when it is missing or neither a number nor a non-empty string.</summary>
    public string? ItemId => Item switch
    {
        { ValueKind: JsonValueKind.String } text when !string.IsNullOrWhiteSpace(text.GetString()) => text.GetString(),
        { ValueKind: JsonValueKind.Number } number => number.GetRawText(),
        _ => null,
    };
}
