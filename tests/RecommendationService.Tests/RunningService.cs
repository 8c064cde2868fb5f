namespace RecommendationService.Tests;

/// <summary>The service hosted in process over a <see cref="TrainedModel"/>, shared by the tests of a class.</summary>
public sealed class RunningService : IDisposable
{
    public RunningService()
    {
        Data = new TrainedModel();
        Factory = ServiceFactory.For(Data);
        Client = Factory.CreateClient();
    }

    public TrainedModel Data { get; }

    public ServiceFactory Factory { get; }

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        Data.Dispose();
    }
}
