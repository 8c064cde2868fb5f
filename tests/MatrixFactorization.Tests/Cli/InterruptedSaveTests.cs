using System.Diagnostics;
using MatrixFactorization.Persistence;
using MatrixFactorization.Tests.Data;
using MatrixFactorization.Tests.Persistence;
using Xunit.Abstractions;

namespace MatrixFactorization.Tests.Cli;

/// <summary>
/// Kills <c>mf train --save</c> over an existing model at many points, some of them while the new
/// model is being written, and checks the target each time: the whole old model or the whole new
/// one, never a mix or a part.
/// </summary>
public sealed class InterruptedSaveTests(ITestOutputHelper log) : IDisposable
{
    private const int Kills = 6;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Killing_train_during_save_leaves_the_old_model_or_the_new_one()
    {
        string target = _folder.File("model.bin");
        string referenceFolder = _folder.File("reference");
        Directory.CreateDirectory(referenceFolder);
        string reference = Path.Combine(referenceFolder, "model.bin");

        // Training is deterministic on one thread, so a finished run over the target writes the
        // reference's model and seen items; only the training section, which stamps the save time, differs.
        Complete(Train("1", target));
        byte[] old = File.ReadAllBytes(target);
        var clock = Stopwatch.StartNew();
        Complete(Train("2", reference));
        TimeSpan wholeRun = clock.Elapsed;
        byte[] fresh = File.ReadAllBytes(reference);
        fresh.Should().NotEqual(old, "the two seeds train different models");

        var random = new Random(20_261_206);
        var outcomes = new List<string>();
        for (int kill = 0; kill < Kills; kill++)
        {
            using Process process = CliProcess.Start(Train("2", target));
            bool duringWrite = kill % 2 == 1;
            if (duringWrite)
            {
                WaitForTemporaryFile(process);
                Thread.Sleep(random.Next(0, 25));
            }
            else
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(random.NextDouble() * 0.9 * wholeRun.TotalMilliseconds));
            }

            bool exitedFirst = process.HasExited;
            process.Kill(entireProcessTree: true);
            process.WaitForExit();

            byte[] now = File.ReadAllBytes(target);
            bool isOld = now.AsSpan().SequenceEqual(old);
            bool isNew = SameModel(now, fresh);
            (isOld || isNew).Should().BeTrue($"kill {kill} must leave one whole model, not {now.Length:N0} bytes of neither");
            FluentActions.Invoking(() => ModelSerializer.Load(target)).Should().NotThrow();

            string[] leftovers = TemporaryFiles();
            outcomes.Add($"{(exitedFirst ? "finished" : "killed")} {(duringWrite ? "while writing" : "at random")}: {(isOld ? "old" : "new")} model, {leftovers.Length} temporary file(s) left");
            foreach (string leftover in leftovers)
            {
                File.Delete(leftover);
            }

            File.WriteAllBytes(target, old);
        }

        log.WriteLine(string.Join(Environment.NewLine, outcomes));
    }

    /// <summary>Whether a file holds the reference's kind and sections, byte for byte, all but the training section.</summary>
    private static bool SameModel(byte[] file, byte[] reference)
    {
        if (file.Length < 8 || BitConverter.ToUInt32(file, 0) != ModelFileBytes.Magic)
        {
            return false;
        }

        (string kind, List<ModelFileBytes.Section> sections) = ModelFileBytes.Parse(file);
        (string referenceKind, List<ModelFileBytes.Section> referenceSections) = ModelFileBytes.Parse(reference);
        return kind == referenceKind
            && sections.Count == referenceSections.Count
            && sections.Zip(referenceSections).All(pair =>
                pair.First.Id == pair.Second.Id && (pair.First.Id == "TRNG" || pair.First.Bytes.AsSpan().SequenceEqual(pair.Second.Bytes)));
    }

    private string[] Train(string seed, string save) =>
    [
        "train", "--quiet", "--train", CliRunner.DataFile("ml-latest-small", "ratings.csv"), "--model", "mf", "--factors", "512", "--epochs", "1",
        "--threads", "1", "--seed", seed, "--save", save,
    ];

    private static void Complete(string[] args)
    {
        (int exit, _, string error) = CliProcess.Run(args);
        error.Should().BeEmpty();
        exit.Should().Be(0);
    }

    /// <summary>Waits until the save has begun (its temporary file is in the folder) or the process ended.</summary>
    private void WaitForTemporaryFile(Process process)
    {
        while (!process.HasExited && TemporaryFiles().Length == 0)
        {
            Thread.Sleep(1);
        }
    }

    private string[] TemporaryFiles() => Directory.GetFiles(_folder.Path, ".model.bin.*.tmp");
}
