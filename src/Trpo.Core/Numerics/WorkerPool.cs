using System.Runtime.ExceptionServices;

namespace Trpo.Core.Numerics;

/// <summary>
/// The process-wide helper threads behind <see cref="Workers"/>: one pass at a time, chunks claimed one by one
/// from a shared counter by the calling thread and the helpers; no allocation per pass. When another pass
/// holds the pool (a nested pass, or two trainers on different threads), the caller runs its pass alone —
/// results never depend on which thread ran a chunk, so that is always correct.
/// </summary>
/// <remarks>
/// The pass state is one 64-bit word: generation (24 bits) | chunk count (20 bits) | next chunk (20 bits).
/// A helper claims a chunk by compare-and-swap on that word, so a helper that wakes late, after its pass
/// ended, can never claim a chunk of the next pass with a stale job or count. Worker indices are handed out
/// per pass from a second word, generation (32 bits) | helpers wanted (16) | helpers joined (16), so every
/// participant of a pass has its own index below the pass's thread count. The caller returns once every
/// chunk has completed; it never waits for a helper to wake up.
/// </remarks>
internal static class WorkerPool
{
    /// <summary>Most chunks one pass may have (20 bits).</summary>
    public const int MaxChunks = (1 << 20) - 1;

    private const int MaxHelpers = 255;
    private static readonly object GrowGate = new();
    private static readonly SemaphoreSlim Signal = new(0, int.MaxValue);
    private static int _helperCount;
    private static int _busy;
    private static long _state;
    private static long _slots;
    private static int _completed;
    private static IChunkJob? _job;
    private static Exception? _error;

    /// <summary>Runs chunks 0 .. count−1 of <paramref name="job"/> on the caller and up to <paramref name="threads"/> − 1 helpers.</summary>
    public static void Run(IChunkJob job, int count, int threads)
    {
        if (count > MaxChunks) throw new ArgumentOutOfRangeException(nameof(count), count, $"at most {MaxChunks} chunks per pass");
        int helpers = Math.Min(Math.Min(threads, count) - 1, MaxHelpers);
        if (helpers <= 0 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (int c = 0; c < count; c++) job.Run(c, 0);
            return;
        }
        try
        {
            EnsureHelpers(helpers);
            _job = job;
            _error = null;
            Volatile.Write(ref _completed, 0);
            long generation = ((Volatile.Read(ref _state) >> 40) + 1) & 0xFFFFFF;
            Interlocked.Exchange(ref _slots, (generation << 32) | ((long)helpers << 16));
            Interlocked.Exchange(ref _state, (generation << 40) | ((long)count << 20));
            Signal.Release(helpers);
            Work(0, generation);
            var spin = new SpinWait();
            while (Volatile.Read(ref _completed) < count) spin.SpinOnce(sleep1Threshold: -1);
            _job = null;
            if (_error is { } error) ExceptionDispatchInfo.Capture(error).Throw();
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Claims and runs chunks of pass <paramref name="generation"/> until none is left, as worker <paramref name="worker"/>.</summary>
    private static void Work(int worker, long generation)
    {
        while (true)
        {
            long state = Volatile.Read(ref _state);
            if (state >> 40 != generation) return;
            int count = (int)((state >> 20) & MaxChunks), next = (int)(state & MaxChunks);
            if (next >= count) return;
            if (Interlocked.CompareExchange(ref _state, state + 1, state) != state) continue;
            // the pass of this state is still running (chunk `next` is ours and not done), so _job is its job
            try
            {
                _job!.Run(next, worker);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref _error, ex, null);
            }
            finally
            {
                Interlocked.Increment(ref _completed);
            }
        }
    }

    private static void EnsureHelpers(int helpers)
    {
        if (Volatile.Read(ref _helperCount) >= helpers) return;
        lock (GrowGate)
        {
            while (_helperCount < helpers)
            {
                var thread = new Thread(HelperLoop) { IsBackground = true, Name = $"trpo-worker-{_helperCount + 1}" };
                thread.Start();
                _helperCount++;
            }
        }
    }

    private static void HelperLoop()
    {
        while (true)
        {
            Signal.Wait();
            // join the current pass with the next free worker index, if it still wants helpers
            while (true)
            {
                long slots = Volatile.Read(ref _slots);
                int wanted = (int)((slots >> 16) & 0xFFFF), joined = (int)(slots & 0xFFFF);
                if (joined >= wanted) break;
                if (Interlocked.CompareExchange(ref _slots, slots + 1, slots) != slots) continue;
                Work(joined + 1, slots >> 32);
                break;
            }
        }
    }
}
