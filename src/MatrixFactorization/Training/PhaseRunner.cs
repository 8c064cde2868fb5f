using System.Diagnostics;

namespace MatrixFactorization.Training;

/// <summary>
/// Runs the parts of a training phase (the blocks of an SGD stratum, the gradient shards of a
/// neural batch) on a fixed set of threads, the caller's included. Threads claim part numbers from
/// a shared counter, with no lock. The parts are fixed by the data, never by the thread count, and
/// no two parts write the same memory, so who ran which part cannot change a bit of the result.
/// </summary>
/// <remarks>
/// <para>The caller never waits for a worker to arrive, only for the parts already claimed to
/// finish: if the workers are asleep or descheduled (a busy machine), it runs every part itself.
/// A barrier that every thread must reach twice per phase would instead stall the whole phase for
/// a scheduler time slice whenever one worker is off its core, and training runs thousands of
/// phases of well under a millisecond each.</para>
/// <para>The claim counter holds the phase number, the part count and the next part in one 64-bit
/// word, so a worker that wakes late can only claim parts of the phase it read, never a stale
/// part number in a newer phase.</para>
/// <para>Idle workers spin for a short while (phases follow each other within microseconds) and
/// then sleep on a semaphore that the caller releases when it starts a phase.</para>
/// </remarks>
internal sealed class PhaseRunner : IDisposable
{
    private const int MaxParts = 0xFFFF;

    /// <summary>How long an idle worker spins before it sleeps: 50 µs.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 20_000;

    private readonly Thread[] _workers;
    private readonly SemaphoreSlim _wake = new(0);
    private Action<int>? _job;
    private long _claims;
    private int _done;
    private int _sleepers;
    private volatile bool _stopping;
    private Exception? _failure;

    /// <param name="threads">Threads in all, the calling one included.</param>
    public PhaseRunner(int threads)
    {
        threads = Math.Max(threads, 1);
        _workers = new Thread[threads - 1];
        for (int t = 0; t < _workers.Length; t++)
        {
            _workers[t] = new Thread(WorkerLoop) { IsBackground = true, Name = "mf-worker-" + t };
            _workers[t].Start();
        }
    }

    /// <summary>Runs job(0) … job(count − 1), concurrently, and returns when all are done.</summary>
    public void Run(Action<int> job, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxParts);
        _job = job;
        _done = 0;
        int phase = Phase(Volatile.Read(ref _claims)) + 1;

        // A full fence: the job is visible before the claims, and the sleepers are read after them.
        Interlocked.Exchange(ref _claims, Pack(phase, count));
        int sleepers = Volatile.Read(ref _sleepers);
        if (sleepers > 0)
        {
            _wake.Release(sleepers);
        }

        RunShare(phase);
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _done) < count)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        if (_failure is Exception failure)
        {
            _failure = null;
            throw new AggregateException("A training thread failed.", failure);
        }
    }

    public void Dispose()
    {
        if (_workers.Length == 0)
        {
            return;
        }

        _stopping = true;
        _wake.Release(_workers.Length);
        foreach (Thread worker in _workers)
        {
            worker.Join();
        }

        _wake.Dispose();
    }

    /// <summary>Phase in the high 32 bits, part count in the next 16, next part (zero) in the low 16.</summary>
    private static long Pack(int phase, int count) => ((long)phase << 32) | ((long)count << 16);

    private static int Phase(long claims) => (int)(claims >> 32);

    private void WorkerLoop()
    {
        int seen = 0;
        while (true)
        {
            long spinStart = Stopwatch.GetTimestamp();
            int phase;
            while ((phase = Phase(Volatile.Read(ref _claims))) == seen)
            {
                if (_stopping)
                {
                    return;
                }

                if (Stopwatch.GetTimestamp() - spinStart < SpinTicks)
                {
                    Thread.SpinWait(20);
                    continue;
                }

                // Announce the sleep, then look once more: a phase started before the announcement
                // is seen here; one started after it sees the announcement and releases the semaphore.
                Interlocked.Increment(ref _sleepers);
                if (Phase(Volatile.Read(ref _claims)) == seen && !_stopping)
                {
                    _wake.Wait();
                }

                Interlocked.Decrement(ref _sleepers);
                spinStart = Stopwatch.GetTimestamp();
            }

            seen = phase;
            RunShare(phase);
        }
    }

    private void RunShare(int phase)
    {
        while (true)
        {
            long claims = Volatile.Read(ref _claims);
            int next = (int)(claims & 0xFFFF);
            if (Phase(claims) != phase || next >= (int)((claims >> 16) & 0xFFFF))
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _claims, claims + 1, claims) != claims)
            {
                continue;
            }

            try
            {
                // The job cannot change under a claimed part: the next phase starts only after it is done.
                _job!(next);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }

            Interlocked.Increment(ref _done);
        }
    }
}
