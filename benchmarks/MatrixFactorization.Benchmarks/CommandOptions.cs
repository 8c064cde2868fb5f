namespace MatrixFactorization.Benchmarks;

/// <summary>The <c>--name value</c> options of the benchmark program's own commands.</summary>
internal static class CommandOptions
{
    /// <summary>The value after <paramref name="name"/>, or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="ArgumentException">The option is absent and has no fallback.</exception>
    public static string Value(string[] args, string name, string? fallback = null)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback ?? throw new ArgumentException($"{name} is required.");
    }
}
