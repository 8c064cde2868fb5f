namespace MatrixFactorization.Cli.Progress;

/// <summary>Bytes read of a file on a bar: so many megabytes of so many, when the size is known.</summary>
internal sealed class ByteProgress(ProgressBar bar) : IProgress<long>
{
    public void Report(long value) => bar.Update(
        value,
        bar.Total is double total ? $"{ProgressText.Megabytes(value)} of {ProgressText.Megabytes(total)}" : $"{ProgressText.Megabytes(value)} read");
}
