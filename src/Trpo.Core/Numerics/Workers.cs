namespace Trpo.Core.Numerics;

/// <summary>
/// How many threads batch work may use. Work is always cut into the same fixed chunks (never sized by the
/// thread count) and every reduction over chunks is combined in chunk order on the calling thread, so a result
/// is bit-identical for 1, 2 or 64 threads and under any scheduling (design.md, determinism rules).
/// </summary>
public sealed class Workers
{
    /// <summary>Rows per chunk of batch work: the unit of parallel work and of partial sums.</summary>
    public const int ChunkRows = 256;

    /// <summary>One thread: everything runs on the caller.</summary>
    public static Workers Single { get; } = new(1);

    /// <summary>Up to <paramref name="threads"/> threads (at least 1).</summary>
    public Workers(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "must be at least 1");
        Threads = threads;
    }

    /// <summary>The thread limit.</summary>
    public int Threads { get; }

    /// <summary>Number of <see cref="ChunkRows"/>-row chunks that cover <paramref name="rows"/> rows.</summary>
    public static int ChunkCount(int rows) => (rows + ChunkRows - 1) / ChunkRows;

    /// <summary>
    /// Runs <paramref name="job"/> on chunks 0 .. count−1, spread over up to <see cref="Threads"/> threads (the caller
    /// is worker 0), and returns when all are done. Allocates nothing. Helper threads are shared by the process;
    /// when they are busy with another pass the caller runs every chunk itself. An exception in a chunk is
    /// rethrown on the caller (other chunks may or may not have run).
    /// </summary>
    public void For(int count, IChunkJob job)
    {
        if (Threads == 1 || count <= 1)
        {
            for (int i = 0; i < count; i++) job.Run(i, 0);
            return;
        }
        WorkerPool.Run(job, count, Threads);
    }

    /// <summary>Runs <paramref name="body"/>(i) for i in [0, count), in parallel when more than one thread is allowed (allocates a small adapter).</summary>
    public void For(int count, Action<int> body) => For(count, new ActionJob(body));

    private sealed class ActionJob(Action<int> body) : IChunkJob
    {
        public void Run(int chunk, int worker) => body(chunk);
    }
}
