namespace MatrixFactorization.Training;

/// <summary>
/// Runs an epoch stratum by stratum on a fixed set of threads. Within a stratum, threads claim
/// blocks from a shared counter (no lock on the hot path); a barrier separates strata. Because the
/// blocks of a stratum share no user and no item, who ran which block cannot change the result.
/// </summary>
internal sealed class StratumScheduler : IDisposable
{
    private readonly Barrier? _barrier;
    private readonly Thread[] _workers;
    private readonly Action<int> _runBlock;
    private readonly BlockGrid _grid;
    private int _stratum;
    private int _next;
    private volatile bool _stopping;
    private Exception? _failure;

    /// <param name="grid">The blocks.</param>
    /// <param name="threads">Threads in all, the calling one included.</param>
    /// <param name="runBlock">Runs one block by index; called concurrently for disjoint blocks.</param>
    public StratumScheduler(BlockGrid grid, int threads, Action<int> runBlock)
    {
        _grid = grid;
        _runBlock = runBlock;
        threads = Math.Clamp(threads, 1, grid.Size);
        _workers = new Thread[threads - 1];
        if (threads > 1)
        {
            _barrier = new Barrier(threads);
            for (int t = 0; t < _workers.Length; t++)
            {
                _workers[t] = new Thread(WorkerLoop) { IsBackground = true, Name = "mf-sgd-" + t };
                _workers[t].Start();
            }
        }
    }

    /// <summary>Runs every block of one stratum and returns when all are done.</summary>
    public void RunStratum(int stratum)
    {
        _stratum = stratum;
        _next = 0;
        if (_barrier is null)
        {
            RunShare();
            return;
        }

        _barrier.SignalAndWait();
        RunShare();
        _barrier.SignalAndWait();
        if (_failure is Exception failure)
        {
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
            catch (Exception e) when (e is not ThreadAbortException)
            {
                _failure ??= e;
            }

            _barrier.SignalAndWait();
        }
    }

    private void RunShare()
    {
        int size = _grid.Size;
        int r;
        while ((r = Interlocked.Increment(ref _next) - 1) < size)
        {
            _runBlock(_grid.BlockOf(_stratum, r));
        }
    }
}
