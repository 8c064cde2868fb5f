using System.Diagnostics;

namespace MatrixFactorization.Tests.Fuzz;

/// <summary>
/// Runs a target over seeded inputs on a worker thread of its own, so a hang is caught by a time
/// cap instead of stopping the run, and each read's allocations are counted on the thread that
/// made them. Failing inputs are saved to a folder, named by target, seed and input index.
/// </summary>
internal sealed class FuzzRunner : IDisposable
{
    private const int MaxSavedPerTarget = 20;

    private readonly Thread _worker;
    private readonly SemaphoreSlim _start = new(0);
    private readonly SemaphoreSlim _done = new(0);
    private readonly string _findings;
    private readonly TimeSpan _cap;
    private FuzzCase? _case;
    private Exception? _error;
    private long _allocated;
    private bool _stopping;

    public FuzzRunner(string findingsFolder, TimeSpan cap)
    {
        _findings = findingsFolder;
        _cap = cap;
        _worker = new Thread(Work) { IsBackground = true, Name = "fuzz target" };
        _worker.Start();
    }

    /// <summary>True once an input hung: the worker is lost, so the runner can take no more input.</summary>
    public bool Hung { get; private set; }

    public FuzzSummary Run(FuzzTarget target, int seed, long iterations, TimeSpan budget)
    {
        var summary = new FuzzSummary(target.Name, seed);
        var random = new Random(seed);
        var mutator = new Mutator(random, target.Corpus);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        for (long index = 0; index < iterations && !Hung && clock.Elapsed < budget; index++)
        {
            FuzzCase input = target.Next(random, mutator);
            _case = input;
            _start.Release();
            if (!_done.Wait(_cap))
            {
                Hung = true;
                Record(summary, seen, target, seed, index, input, "hang", $"no result after {_cap.TotalSeconds:0} s");
                break;
            }

            summary.Inputs++;
            if (_allocated > summary.LargestAllocation)
            {
                summary.LargestAllocation = _allocated;
                summary.LargestAllocationInputSize = input.Bytes.Length;
            }

            summary.LargestRatio = Math.Max(summary.LargestRatio, (double)_allocated / Math.Max(input.Bytes.Length, 1));
            if (_error is null)
            {
                summary.Accepted++;
            }
            else if (target.IsDocumented(_error))
            {
                summary.Refused++;
            }
            else
            {
                Record(summary, seen, target, seed, index, input, "crash", Describe(_error));
            }

            if (target.AllocationBound is { } bound && _allocated > bound(input.Bytes.Length))
            {
                Record(summary, seen, target, seed, index, input, "allocation", $"{_allocated} bytes for a {input.Bytes.Length}-byte input, over the bound {bound(input.Bytes.Length)}");
            }
        }

        summary.Elapsed = clock.Elapsed;
        return summary;
    }

    public void Dispose()
    {
        if (!Hung)
        {
            _stopping = true;
            _start.Release();
            _worker.Join();
            _start.Dispose();
            _done.Dispose();
        }
    }

    private static string Describe(Exception e)
    {
        string frame = e.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("MatrixFactorization.", StringComparison.Ordinal))?.Trim() ?? "";
        return $"{e.GetType().Name}: {e.Message} {frame}";
    }

    private void Record(FuzzSummary summary, HashSet<string> seen, FuzzTarget target, int seed, long index, FuzzCase input, string kind, string exception)
    {
        summary.FindingCount++;

        // One saved input per distinct failure and place, so a long run does not fill the disk.
        string key = kind + (_error is null ? "" : _error.GetType().Name + (_error.StackTrace?.Split('\n').FirstOrDefault() ?? ""));
        if (!seen.Add(key) || summary.Findings.Count >= MaxSavedPerTarget)
        {
            return;
        }

        Directory.CreateDirectory(_findings);
        string path = Path.Combine(_findings, $"{target.Name}-seed{seed}-input{index}-{kind}.bin");
        File.WriteAllBytes(path, input.Bytes);
        summary.Findings.Add(new FuzzFinding(target.Name, seed, index, kind, exception, input.Options, path));
    }

    private void Work()
    {
        while (true)
        {
            _start.Wait();
            if (_stopping)
            {
                return;
            }

            FuzzCase input = _case!;
            _error = null;
            _allocated = -1;
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                object? read = input.Read(input.Bytes);
                _allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                input.Use?.Invoke(read);
            }
#pragma warning disable CA1031 // Every exception is classified: documented ones are expected, any other is a finding.
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (_allocated < 0)
                {
                    _allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                }

                _error = e;
            }

            _done.Release();
        }
    }
}
