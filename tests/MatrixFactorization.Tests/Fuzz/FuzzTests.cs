using System.Globalization;
using MatrixFactorization.Data;
using MatrixFactorization.Persistence;
using Xunit.Abstractions;

namespace MatrixFactorization.Tests.Fuzz;

/// <summary>
/// Seeded mutation fuzzing of every reader of outside data: rating text of each format, gzip,
/// item catalogs and model files. A read must succeed or fail with its documented exception,
/// finish within the time cap and, for model files, allocate within a bound of the file's size.
/// The default run is short and reproducible; FUZZ_ITERATIONS, FUZZ_SEED, FUZZ_TARGETS, FUZZ_MINUTES and
/// FUZZ_FINDINGS make it a long one (docs/fuzzing.md).
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const long DefaultIterations = 1_500;
    private const int DefaultSeed = 20_240_601;

    public static TheoryData<string> Targets
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (FuzzTarget target in FuzzTargets.All)
            {
                data.Add(target.Name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_mutated_input_is_read_or_refused_with_the_documented_exception(string name)
    {
        FuzzTarget target = FuzzTargets.All.Single(t => t.Name == name);
        string? only = Environment.GetEnvironmentVariable("FUZZ_TARGETS");
        if (only is not null && !only.Split(',').Contains(name, StringComparer.Ordinal))
        {
            return;
        }

        long iterations = long.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), CultureInfo.InvariantCulture, out long n) ? n : DefaultIterations;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out int s) ? s : DefaultSeed;
        int cap = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_TIMEOUT_SECONDS"), CultureInfo.InvariantCulture, out int c) ? c : 30;
        double minutes = double.TryParse(Environment.GetEnvironmentVariable("FUZZ_MINUTES"), CultureInfo.InvariantCulture, out double m) ? m : 0;
        string findings = Environment.GetEnvironmentVariable("FUZZ_FINDINGS") ?? Path.Combine(Path.GetTempPath(), "mf-fuzz-findings");

        FuzzSummary summary;
        using (var runner = new FuzzRunner(findings, TimeSpan.FromSeconds(cap)))
        {
            summary = runner.Run(target, seed + FuzzTargets.All.ToList().IndexOf(target), iterations, minutes > 0 ? TimeSpan.FromMinutes(minutes) : TimeSpan.MaxValue);
        }

        output.WriteLine(summary.ToString());
        if (iterations > DefaultIterations)
        {
            Directory.CreateDirectory(findings);
            File.WriteAllLines(Path.Combine(findings, $"summary-{name}-seed{summary.Seed}.txt"), [summary.ToString(), .. summary.Findings.Select(f => f.ToString())]);
        }

        if (minutes <= 0)
        {
            summary.Inputs.Should().Be(iterations, "every input is read unless one hangs");
        }

        summary.Findings.Should().BeEmpty($"every input must be read or refused with a documented exception; {summary.FindingCount} were not:\n"
            + string.Join("\n", summary.Findings));
    }

    [Fact]
    public void Every_seed_in_the_corpus_reads()
    {
        // A seed that does not read would leave the fuzzer mutating garbage: the readers' deeper
        // paths would never be reached.
        foreach (string format in new[] { "csv", "ml100k", "dat", "libmf", "delimited", "gzip" })
        {
            foreach (byte[] seed in FuzzTargets.Load(format))
            {
                RatingReader.Read(new MemoryStream(seed)).Store.Count.Should().BeGreaterThan(2, format);
            }
        }

        FuzzTargets.Load("catalog").Should().AllSatisfy(b => ItemCatalog.Read(new MemoryStream(b)).Count.Should().Be(3));
        IReadOnlyList<byte[]> models = FuzzTargets.Load("model");
        models.Select(b => ModelSerializer.Open(new MemoryStream(b)).Kind).Distinct().Should().BeEquivalentTo(
            ["baseline", "matrix-factorization", "biased-matrix-factorization", "neural", "popularity", "ease", "implicit-als", "bpr"]);
        models.Select(b => BitConverter.ToInt32(b, 4)).Should().Contain([1, 3]);
    }
}
