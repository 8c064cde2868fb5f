using System.Runtime.ExceptionServices;

namespace MatrixFactorization.Data.Synthetic;

/// <summary>
/// Produces numbered pieces of work on several threads and consumes them strictly in order, one
/// at a time, with producers at most a fixed number of pieces ahead of the consumer.
/// </summary>
/// <remarks>
/// There is no consumer thread: whichever worker completes the next piece in order consumes it
/// and any finished successors, then goes back to producing. A dedicated writer thread would
/// stall every producer whenever a busy machine left it unscheduled, and batches with a
/// barrier would make every worker wait for the slowest piece. The calling thread works too.
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
        int nextToConsume = 0;
        bool consuming = false;
        using var slots = new SemaphoreSlim(window);
        using var stop = new CancellationTokenSource();

        void Work()
        {
            try
            {
                TState state = createState();
                while (true)
                {
                    // A slot is taken before an index, so no index runs more than the window ahead
                    // of the consumer, and the piece the consumer needs always has a producer.
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
                        if (consuming)
                        {
                            continue;
                        }

                        consuming = true;
                    }

                    ConsumeReady();
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
                }

                stop.Cancel();
            }
        }

        void ConsumeReady()
        {
            while (true)
            {
                TResult result;
                lock (gate)
                {
                    // Checked under the lock that producers publish under, so a piece finished
                    // after this check sees consuming == false and takes over.
                    if (nextToConsume == count || !ready[nextToConsume])
                    {
                        consuming = false;
                        return;
                    }

                    result = results[nextToConsume];
                    results[nextToConsume] = default!;
                    nextToConsume++;
                }

                consume(result);
                slots.Release();
            }
        }

        var helpers = new Task[workers - 1];
        for (int w = 0; w < helpers.Length; w++)
        {
            helpers[w] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        Work();
        Task.WaitAll(helpers);
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }
}
