namespace Trpo.Core.Numerics;

/// <summary>
/// A pass over fixed chunks that <see cref="Workers.For(int, IChunkJob)"/> can spread over threads without
/// allocating: the job object is created once and its inputs set before each pass.
/// </summary>
public interface IChunkJob
{
    /// <summary>
    /// Runs chunk <paramref name="chunk"/>. <paramref name="worker"/> (0 .. threads−1, 0 on the calling thread)
    /// names the thread running it, so that the job can pick that thread's scratch buffers; two chunks never
    /// run at once on the same worker. What a chunk computes must not depend on the worker.
    /// </summary>
    void Run(int chunk, int worker);
}
