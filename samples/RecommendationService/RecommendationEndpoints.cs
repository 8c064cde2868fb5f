using System.Globalization;
using System.Text.Json;
using MatrixFactorization.Recommendation;

namespace RecommendationService;

/// <summary>The service's HTTP surface.</summary>
internal static class RecommendationEndpoints
{
    /// <summary>More ratings than a person gives in a lifetime of a catalogue; bounds the work one request can ask for.</summary>
    private const int MaximumRatings = 10_000;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static void MapRecommendationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Health);
        app.MapGet("/users/{id}/recommendations", ForUser);
        app.MapPost("/recommendations", ForNewUser);
        app.MapGet("/items/{id}/similar", Similar);
    }

    private static HealthReport Health(RecommendationEngine engine) =>
        new("ok", engine.Model.GetType().Name, engine.Model.Users.Count, engine.Model.Items.Count);

    private static IResult ForUser(string id, string? count, RecommendationEngine engine)
    {
        if (!CountQuery.TryParse(count, engine.MaximumCount, out int n, out IResult? problem))
        {
            return problem;
        }

        // A user the model does not know gets the model's cold-start list (for the biased model the
        // items with the highest μ + b_i), never an error: new visitors still see something good.
        ScoredItem[] items = engine.Recommender.Recommend(id, n);
        return Results.Ok(new UserRecommendations(id, !engine.IsKnownUser(id), engine.Describe(items)));
    }

    private static async Task<IResult> ForNewUser(HttpRequest request, string? count, RecommendationEngine engine, CancellationToken cancellationToken)
    {
        if (!CountQuery.TryParse(count, engine.MaximumCount, out int n, out IResult? problem))
        {
            return problem;
        }

        if (engine.FoldIn is null)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status501NotImplemented,
                title: "This model cannot fold in new users",
                detail: $"A {engine.Model.GetType().Name} has no factors to fit a new user into; serve a matrix factorization model for this endpoint.");
        }

        if (!request.HasJsonContentType())
        {
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The body must be JSON",
                detail: "Send Content-Type: application/json and a JSON array such as [{\"item\": 1, \"rating\": 4.5}].");
        }

        List<RatingInput?>? ratings;
        try
        {
            ratings = await JsonSerializer.DeserializeAsync<List<RatingInput?>>(request.Body, s_json, cancellationToken);
        }
        catch (JsonException e)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The body is not a JSON array of ratings",
                detail: $"{e.Message} Send an array such as [{{\"item\": 1, \"rating\": 4.5}}].");
        }

        Dictionary<string, string[]> errors = Validate(ratings, engine);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var known = new List<ItemRating>();
        var unknown = new List<string>();
        foreach (RatingInput rating in ratings!.Select(r => r!))
        {
            string item = rating.ItemId!;
            if (engine.IsKnownItem(item))
            {
                known.Add(new ItemRating(item, rating.Rating!.Value));
            }
            else
            {
                unknown.Add(item);
            }
        }

        FoldedInUser user = engine.FoldIn.FoldInUser(known);
        ScoredItem[] items = engine.Recommender.Recommend(user, n);
        return Results.Ok(new NewUserRecommendations(known.Count, unknown, engine.Describe(items)));
    }

    private static IResult Similar(string id, string? count, RecommendationEngine engine)
    {
        if (!CountQuery.TryParse(count, engine.MaximumCount, out int n, out IResult? problem))
        {
            return problem;
        }

        if (!engine.IsKnownItem(id))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown item",
                detail: $"The model has no item '{id}' with training data, so it knows nothing like it.");
        }

        try
        {
            ScoredItem[] items = engine.Recommender.SimilarItems(id, n);
            return Results.Ok(new SimilarItems(id, engine.Title(id), engine.Describe(items)));
        }
        catch (NotSupportedException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status501NotImplemented, title: "This model has no item vectors", detail: e.Message);
        }
    }

    private static Dictionary<string, string[]> Validate(List<RatingInput?>? ratings, RecommendationEngine engine)
    {
        var errors = new Dictionary<string, string[]>();
        if (ratings is null || ratings.Count == 0)
        {
            errors["body"] = ["Send at least one rating: [{\"item\": 1, \"rating\": 4.5}]."];
            return errors;
        }

        if (ratings.Count > MaximumRatings)
        {
            errors["body"] = [$"Send at most {MaximumRatings} ratings; got {ratings.Count}."];
            return errors;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ratings.Count; i++)
        {
            RatingInput? rating = ratings[i];
            string at = string.Create(CultureInfo.InvariantCulture, $"[{i}]");
            if (rating?.ItemId is not string item)
            {
                errors[$"{at}.item"] = ["Each rating needs an item id, a number or a non-empty string."];
            }
            else if (!seen.TryAdd(item, i))
            {
                errors[$"{at}.item"] = [$"Item '{item}' is rated twice, at [{seen[item]}] and [{i}]; send one rating per item."];
            }

            if (rating?.Rating is not float value)
            {
                errors[$"{at}.rating"] = ["Each rating needs a numeric rating."];
            }
            else if (!float.IsFinite(value))
            {
                errors[$"{at}.rating"] = [string.Create(CultureInfo.InvariantCulture, $"The rating {value} is not a finite number.")];
            }
            else if (engine.Scale is { } scale && (value < scale.Min || value > scale.Max))
            {
                errors[$"{at}.rating"] = [string.Create(CultureInfo.InvariantCulture, $"The rating {value} is outside the model's scale, {scale.Min} to {scale.Max}.")];
            }
        }

        return errors;
    }
}
