using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace RecommendationService.Tests;

/// <summary>Hosts the service in process with the given "Recommendations" settings in place of appsettings.json's.</summary>
public sealed class ServiceFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public static ServiceFactory For(TrainedModel model) => new(new Dictionary<string, string?>
    {
        ["Recommendations:ModelPath"] = model.ModelPath,
        ["Recommendations:RatingsPath"] = model.RatingsPath,
        ["Recommendations:TitlesPath"] = model.TitlesPath,
        ["Recommendations:TrainIfMissing"] = "false",
        ["Recommendations:MinimumItemRatings"] = "0",
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
}
