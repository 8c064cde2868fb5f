namespace MovieRecommendations;

/// <summary>A command-line or input mistake the person running the sample can fix; its message says how.</summary>
internal sealed class UsageException(string message) : Exception(message);
