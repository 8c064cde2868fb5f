using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RecommendationService.Tests;

/// <summary>The endpoints' answers and error codes, over a model trained for the tests.</summary>
public sealed class RecommendationEndpointTests(RunningService service) : IClassFixture<RunningService>
{
    private readonly HttpClient _client = service.Client;

    [Fact]
    public async Task Health_reports_the_loaded_model()
    {
        JsonElement health = await Json.ReadAsync(await _client.GetAsync(new Uri("/health", UriKind.Relative)), HttpStatusCode.OK);

        health.GetProperty("status").GetString().Should().Be("ok");
        health.GetProperty("users").GetInt32().Should().Be(TrainedModel.UserCount);
        health.GetProperty("items").GetInt32().Should().Be(TrainedModel.ItemCount);
    }

    [Fact]
    public async Task A_known_user_gets_the_asked_number_of_unrated_items_best_first_with_titles()
    {
        JsonElement answer = await Json.ReadAsync(await _client.GetAsync(new Uri("/users/3/recommendations?count=7", UriKind.Relative)), HttpStatusCode.OK);

        answer.GetProperty("user").GetString().Should().Be("3");
        answer.GetProperty("coldStart").GetBoolean().Should().BeFalse();
        string[] ids = Json.Ids(answer);
        ids.Should().HaveCount(7).And.OnlyHaveUniqueItems().And.NotIntersectWith(service.Data.RatedBy["3"]);
        Json.Scores(answer).Should().BeInDescendingOrder();
        answer.GetProperty("items")[0].GetProperty("title").GetString().Should().Be(TrainedModel.Title(ids[0]));
    }

    [Fact]
    public async Task The_count_defaults_to_ten()
    {
        JsonElement answer = await Json.ReadAsync(await _client.GetAsync(new Uri("/users/3/recommendations", UriKind.Relative)), HttpStatusCode.OK);

        Json.Ids(answer).Should().HaveCount(10);
    }

    [Fact]
    public async Task An_unknown_user_gets_the_cold_start_list_the_items_with_the_highest_mean_plus_item_bias()
    {
        JsonElement answer = await Json.ReadAsync(await _client.GetAsync(new Uri("/users/no-such-user/recommendations?count=5", UriKind.Relative)), HttpStatusCode.OK);

        answer.GetProperty("coldStart").GetBoolean().Should().BeTrue();
        Json.Ids(answer).Should().Equal(ColdStartTop(5));
    }

    [Theory]
    [InlineData("/users/3/recommendations?count=0")]
    [InlineData("/users/3/recommendations?count=-2")]
    [InlineData("/users/3/recommendations?count=ten")]
    [InlineData("/users/3/recommendations?count=101")]
    [InlineData("/items/1/similar?count=0")]
    public async Task A_bad_count_is_a_400_problem_naming_the_parameter(string url)
    {
        JsonElement problem = await Json.ReadProblemAsync(await _client.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("count")[0].GetString().Should().Contain("from 1 to 100");
    }

    [Fact]
    public async Task A_new_user_is_folded_in_from_their_ratings_and_unknown_items_are_reported()
    {
        HttpResponseMessage response = await _client.PostAsJsonAsync(
            "/recommendations?count=6",
            new object[] { new { item = 1, rating = 5.0 }, new { item = "2", rating = 4.5 }, new { item = 999, rating = 3.0 } });
        JsonElement answer = await Json.ReadAsync(response, HttpStatusCode.OK);

        answer.GetProperty("ratingsUsed").GetInt32().Should().Be(2);
        answer.GetProperty("unknownItems").EnumerateArray().Select(e => e.GetString()).Should().Equal("999");
        string[] ids = Json.Ids(answer);
        ids.Should().HaveCount(6).And.OnlyHaveUniqueItems().And.NotContain(["1", "2"], "a user is not recommended what they just rated");
        Json.Scores(answer).Should().BeInDescendingOrder();
    }

    [Fact]
    public async Task A_new_users_list_follows_their_ratings()
    {
        // The same person with opposite tastes must not get the same list: the ratings are used.
        string[] loves = await NewUserList([("4", 5f), ("5", 5f), ("6", 1f), ("7", 1f)]);
        string[] hates = await NewUserList([("4", 1f), ("5", 1f), ("6", 5f), ("7", 5f)]);

        loves.Should().NotEqual(hates);
    }

    [Theory]
    [InlineData("[{\"item\": 1, \"rating\": }]")]
    [InlineData("{\"item\": 1, \"rating\": 4}")]
    [InlineData("[{\"item\": 1, \"rating\": \"great\"}]")]
    [InlineData("not json")]
    public async Task A_body_that_is_not_a_json_array_of_ratings_is_a_400_problem(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        JsonElement problem = await Json.ReadProblemAsync(await _client.PostAsync(new Uri("/recommendations", UriKind.Relative), content), HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().Should().Contain("Path:", "the problem says where the body went wrong");
    }

    [Theory]
    [InlineData("[]", "body")]
    [InlineData("[{\"rating\": 4}]", "[0].item")]
    [InlineData("[{\"item\": 1}]", "[0].rating")]
    [InlineData("[{\"item\": 1, \"rating\": 4}, {\"item\": 2, \"rating\": 7}]", "[1].rating")]
    [InlineData("[{\"item\": 1, \"rating\": -1}]", "[0].rating")]
    [InlineData("[{\"item\": 1, \"rating\": 4}, {\"item\": \"1\", \"rating\": 3}]", "[1].item")]
    public async Task Ratings_that_cannot_be_used_are_a_400_validation_problem_naming_the_field(string body, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        JsonElement problem = await Json.ReadProblemAsync(await _client.PostAsync(new Uri("/recommendations", UriKind.Relative), content), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Equal(field);
    }

    [Fact]
    public async Task A_body_that_is_not_json_by_its_media_type_is_a_415_problem()
    {
        using var content = new StringContent("1,5", Encoding.UTF8, "text/csv");
        await Json.ReadProblemAsync(await _client.PostAsync(new Uri("/recommendations", UriKind.Relative), content), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Similar_items_exclude_the_item_and_are_best_first()
    {
        JsonElement answer = await Json.ReadAsync(await _client.GetAsync(new Uri("/items/1/similar?count=4", UriKind.Relative)), HttpStatusCode.OK);

        answer.GetProperty("item").GetString().Should().Be("1");
        answer.GetProperty("title").GetString().Should().Be(TrainedModel.Title("1"));
        Json.Ids(answer).Should().HaveCount(4).And.OnlyHaveUniqueItems().And.NotContain("1");
        Json.Scores(answer).Should().BeInDescendingOrder().And.OnlyContain(s => s >= -1 && s <= 1, "cosine similarities");
    }

    [Fact]
    public async Task Similar_items_of_an_unknown_item_is_a_404_problem()
    {
        JsonElement problem = await Json.ReadProblemAsync(await _client.GetAsync(new Uri("/items/999/similar", UriKind.Relative)), HttpStatusCode.NotFound);

        problem.GetProperty("detail").GetString().Should().Contain("'999'");
    }

    private async Task<string[]> NewUserList((string Item, float Rating)[] ratings)
    {
        HttpResponseMessage response = await _client.PostAsJsonAsync("/recommendations?count=5", ratings.Select(r => new { item = r.Item, rating = r.Rating }));
        return Json.Ids(await Json.ReadAsync(response, HttpStatusCode.OK));
    }

    /// <summary>The documented cold-start ranking, μ + b_i, worked out from the model's parameters.</summary>
    private string[] ColdStartTop(int count)
    {
        var model = service.Data.Model;
        float mean = model.GlobalMean;
        float[] biases = model.ItemBiases.ToArray();
        return [.. Enumerable.Range(0, biases.Length)
            .OrderByDescending(i => mean + biases[i])
            .ThenBy(i => i)
            .Take(count)
            .Select(i => model.Items.GetId(i).ToString(CultureInfo.InvariantCulture))];
    }
}
