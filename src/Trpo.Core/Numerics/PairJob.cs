namespace Trpo.Core.Numerics;

/// <summary>
/// Two independent pieces of work as one pass of two chunks for <see cref="Workers.For(int, IChunkJob)"/>: side by
/// side when two threads are allowed, <paramref name="first"/> then <paramref name="second"/> on one. They must not
/// touch each other's data; then each computes exactly what it computes alone. Created once, it allocates nothing.
/// </summary>
public sealed class PairJob(Action first, Action second) : IChunkJob
{
    /// <summary>The number of chunks: 2.</summary>
    public const int Chunks = 2;

    /// <inheritdoc />
    public void Run(int chunk, int worker) => (chunk == 0 ? first : second)();
}
