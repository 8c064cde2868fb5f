using System.Runtime.ExceptionServices;

namespace MatrixFactorization.Data.Synthetic;

/// <summary>
/// Produces numbered pieces of work on worker threads and consumes them strictly in order on the
/// calling thread, with producers at most a fixed number of pieces ahead of the consumer.
/// </summary>
/// <remarks>
/// Unlike batches with a barrier, no worker waits for the slowest piece of a batch, and the
/// consumer (a file write) overlaps with production. The bound on pieces in flight bounds memory.
/// </remarks>
internal static class OrderedPipeline
{
    public static void Run<TState, TResult>(
        int count,
        int workers,
        int window,
        Func<TState> createState,
        Func<int, TState, TResult> produce,
        Action<TResult> consume)
    {
        var results = new TResult[count];
        var ready = new bool[count];
        var gate = new object();
        Exception? failure = null;
        int next = -1;
        using var slots = new SemaphoreSlim(window);
        using var stop = new CancellationTokenSource();

        void Work()
        {
            try
            {
                TState state = createState();
                while (true)
                {
                    // A slot is taken before an index, so an index is never more than the window
                    // ahead of the consumer and the consumer always has a producer to wait for.
                    slots.Wait(stop.Token);
                    int index = Interlocked.Increment(ref next);
                    if (index >= count)
                    {
                        slots.Release();
                        return;
                    }

                    TResult result = produce(index, state);
                    lock (gate)
                    {
                        results[index] = result;
                        ready[index] = true;
                        Monitor.PulseAll(gate);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                lock (gate)
                {
                    failure ??= e;
                    Monitor.PulseAll(gate);
                }

                stop.Cancel();
            }
        }

        var tasks = new Task[workers];
        for (int w = 0; w < workers; w++)
        {
            tasks[w] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        try
        {
            for (int index = 0; index < count; index++)
            {
                TResult result;
                lock (gate)
                {
                    while (!ready[index] && failure is null)
                    {
                        Monitor.Wait(gate);
                    }

                    if (failure is not null)
                    {
                        break;
                    }

                    result = results[index];
                    results[index] = default!;
                }

                consume(result);
                slots.Release();
            }
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            Task.WaitAll(tasks);
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }
}
