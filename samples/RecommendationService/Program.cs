using RecommendationService;

// A recommendation web service over a saved model: a known user's list, a new user's list from a
// few ratings (fold-in, no retraining), similar items, and a health check. Bad input gets 400 with
// a problem-details body that says what is wrong and where.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.AddProblemDetails();
builder.Services.Configure<RecommendationOptions>(builder.Configuration.GetSection(RecommendationOptions.Section));
builder.Services.AddSingleton<RecommendationEngine>();

WebApplication app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();

// The model is loaded (or trained) before the first request is taken, so a missing or damaged
// model stops the start with its reason instead of failing requests later.
app.Services.GetRequiredService<RecommendationEngine>();
app.MapRecommendationEndpoints();
app.Run();

/// <summary>The service's entry point, visible to the integration tests that host it in process.</summary>
public partial class Program;
