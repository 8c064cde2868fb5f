namespace MatrixFactorization.Cli.Progress;

/// <summary>No progress at all (<c>--quiet</c>).</summary>
internal sealed class QuietProgress(TextWriter output) : CommandProgress(output)
{
    public override bool Shows => false;

    protected override ProgressBar Create(string title, double? total, bool transient) => throw new InvalidOperationException("Quiet progress makes no bars.");
}
