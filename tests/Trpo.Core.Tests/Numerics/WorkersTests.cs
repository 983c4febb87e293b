using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Numerics;

public class WorkersTests
{
    private sealed class CountingJob(int count, int threads) : IChunkJob
    {
        public readonly int[] Runs = new int[count];
        public int BadWorker;

        public void Run(int chunk, int worker)
        {
            Interlocked.Increment(ref Runs[chunk]);
            if (worker < 0 || worker >= threads) Interlocked.Increment(ref BadWorker);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1000)]
    [InlineData(5, 37)]
    [InlineData(3, 2)]
    public void For_RunsEveryChunkExactlyOnce_WithAWorkerIndexBelowTheThreadCount(int threads, int count)
    {
        var workers = new Workers(threads);
        for (int pass = 0; pass < 20; pass++)
        {
            var job = new CountingJob(count, threads);
            workers.For(count, job);
            Assert.All(job.Runs, runs => Assert.Equal(1, runs));
            Assert.Equal(0, job.BadWorker);
        }
    }

    private sealed class ThrowingJob : IChunkJob
    {
        public int Completed;

        public void Run(int chunk, int worker)
        {
            if (chunk == 3) throw new InvalidOperationException("chunk 3 failed");
            Interlocked.Increment(ref Completed);
        }
    }

    [Fact]
    public void For_RethrowsAChunksException_AndStaysUsable()
    {
        var job = new ThrowingJob();
        var error = Assert.Throws<InvalidOperationException>(() => new Workers(3).For(10, job));
        Assert.Equal("chunk 3 failed", error.Message);
        Assert.InRange(job.Completed, 0, 9);
        // the pool is usable again afterwards
        var next = new CountingJob(8, 3);
        new Workers(3).For(8, next);
        Assert.All(next.Runs, runs => Assert.Equal(1, runs));
    }

    private sealed class NestingJob(Workers workers) : IChunkJob
    {
        public readonly CountingJob[] Inner = Enumerable.Range(0, 6).Select(_ => new CountingJob(5, workers.Threads)).ToArray();

        public void Run(int chunk, int worker) => workers.For(5, Inner[chunk]);
    }

    [Fact]
    public void For_InsideAChunk_RunsOnTheCallingThread_AndCoversEveryChunk()
    {
        var workers = new Workers(2);
        var job = new NestingJob(workers);
        workers.For(6, job);
        Assert.All(job.Inner, inner => Assert.All(inner.Runs, runs => Assert.Equal(1, runs)));
    }

    [Fact]
    public void For_FromSeveralThreadsAtOnce_CoversEveryChunkOfEveryPass()
    {
        var jobs = Enumerable.Range(0, 8).Select(_ => new CountingJob(50, 2)).ToArray();
        Parallel.For(0, jobs.Length, i => new Workers(2).For(50, jobs[i]));
        Assert.All(jobs, job => Assert.All(job.Runs, runs => Assert.Equal(1, runs)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void PairJob_RunsEachOfItsTwoPiecesOnce(int threads)
    {
        int first = 0, second = 0;
        var job = new PairJob(() => Interlocked.Increment(ref first), () => Interlocked.Increment(ref second));
        for (int pass = 0; pass < 10; pass++) new Workers(threads).For(PairJob.Chunks, job);
        Assert.Equal(10, first);
        Assert.Equal(10, second);
    }
}
