namespace MatrixFactorization.Training;

/// <summary>
/// Runs the parts of a training phase (the blocks of an SGD stratum, the gradient shards of a
/// neural batch) on a fixed set of threads, the caller's included. Threads claim part numbers from
/// a shared counter, with no lock; a barrier starts and ends each phase. The parts are fixed by the
/// data, never by the thread count, and no two parts write the same memory, so who ran which part
/// cannot change a bit of the result.
/// </summary>
internal sealed class PhaseRunner : IDisposable
{
    private readonly Barrier? _barrier;
    private readonly Thread[] _workers;
    private Action<int>? _job;
    private int _count;
    private int _next;
    private volatile bool _stopping;
    private Exception? _failure;

    /// <param name="threads">Threads in all, the calling one included.</param>
    public PhaseRunner(int threads)
    {
        threads = Math.Max(threads, 1);
        _workers = new Thread[threads - 1];
        if (threads > 1)
        {
            _barrier = new Barrier(threads);
            for (int t = 0; t < _workers.Length; t++)
            {
                _workers[t] = new Thread(WorkerLoop) { IsBackground = true, Name = "mf-worker-" + t };
                _workers[t].Start();
            }
        }
    }

    /// <summary>Runs job(0) … job(count − 1), concurrently, and returns when all are done.</summary>
    public void Run(Action<int> job, int count)
    {
        _job = job;
        _count = count;
        _next = 0;
        if (_barrier is null)
        {
            RunShare();
            return;
        }

        _barrier.SignalAndWait();
        try
        {
            RunShare();
        }
        catch (Exception e)
        {
            _failure ??= e;
        }

        _barrier.SignalAndWait();
        if (_failure is Exception failure)
        {
            _failure = null;
            throw new AggregateException("A training thread failed.", failure);
        }
    }

    public void Dispose()
    {
        if (_barrier is null)
        {
            return;
        }

        _stopping = true;
        _barrier.SignalAndWait();
        foreach (Thread worker in _workers)
        {
            worker.Join();
        }

        _barrier.Dispose();
    }

    private void WorkerLoop()
    {
        while (true)
        {
            _barrier!.SignalAndWait();
            if (_stopping)
            {
                return;
            }

            try
            {
                RunShare();
            }
            catch (Exception e)
            {
                _failure ??= e;
            }

            _barrier.SignalAndWait();
        }
    }

    private void RunShare()
    {
        int shard;
        while ((shard = Interlocked.Increment(ref _next) - 1) < _count)
        {
            _job!(shard);
        }
    }
}
