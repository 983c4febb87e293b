using Trpo.Core.Numerics;

namespace Trpo.Core.Policies;

/// <summary>
/// Turns each row's output tangent J v into the output gradient u fed to the reverse pass (the Fisher product
/// of <see cref="Mlp.JacobianTransposeMapJacobian"/>). Called once per chunk, possibly on a worker thread, with
/// that chunk's rows only: implementations write nothing but <c>u</c> and the given scratch.
/// </summary>
internal interface IOutputMap
{
    /// <summary>u_n = M_n (J v)_n for rows n = start .. start + count − 1 (spans hold those rows only).</summary>
    void Map(int start, int count, ReadOnlySpan<double> jv, Span<double> u, Span<double> scratch);
}

public sealed partial class Mlp
{
    private PassJobs JobsOf(MlpWorkspace ws) => ws.Jobs ??= new PassJobs(this, ws);

    /// <summary>The job objects of one workspace, created once so that no pass allocates.</summary>
    internal sealed class PassJobs(Mlp net, MlpWorkspace ws)
    {
        public ForwardJob Forward { get; } = new(net, ws);
        public BackwardJob Backward { get; } = new(net, ws);
        public TangentJob Tangent { get; } = new(net, ws);
        public TangentThenBackwardJob TangentThenBackward { get; } = new(net, ws);
        public SensitivityJob Sensitivities { get; } = new(net, ws);
        public SensitivityProductJob SensitivityProduct { get; } = new(net, ws);
    }

    /// <summary>A pass over the chunks of a batch of <see cref="Rows"/> rows.</summary>
    internal abstract class ChunkJob(Mlp net, MlpWorkspace ws) : IChunkJob
    {
        protected Mlp Net { get; } = net;
        protected MlpWorkspace Ws { get; } = ws;
        protected double[] Theta { get; set; } = [];
        protected int Rows { get; set; }

        public abstract void Run(int chunk, int worker);

        protected (int Start, int Count) RowsOf(int chunk)
        {
            int start = chunk * Workers.ChunkRows;
            return (start, Math.Min(Workers.ChunkRows, Rows - start));
        }
    }

    /// <summary>A pass whose chunks each add into a partial gradient; chunk FirstChunk + i uses partial i.</summary>
    internal abstract class ReductionJob(Mlp net, MlpWorkspace ws) : ChunkJob(net, ws)
    {
        public int FirstChunk { get; set; }

        public sealed override void Run(int index, int worker)
        {
            double[] partial = Ws.Partial(index);
            Array.Clear(partial);
            var (start, count) = RowsOf(FirstChunk + index);
            RunChunk(start, count, Ws.Scratch[worker], partial);
        }

        protected abstract void RunChunk(int start, int count, MlpWorkspace.ChunkScratch scratch, double[] partial);
    }

    internal sealed class ForwardJob(Mlp net, MlpWorkspace ws) : ChunkJob(net, ws)
    {
        public void Prepare(double[] theta, int rows) => (Theta, Rows) = (theta, rows);

        public override void Run(int chunk, int worker)
        {
            var (start, count) = RowsOf(chunk);
            Net.ForwardRows(Theta, start, count, Ws, Ws.Scratch[worker], outputsInScratch: false);
        }
    }

    internal sealed class BackwardJob(Mlp net, MlpWorkspace ws) : ReductionJob(net, ws)
    {
        private double[] _outputGradient = [];

        public void Prepare(double[] theta, int rows, double[] outputGradient) => (Theta, Rows, _outputGradient) = (theta, rows, outputGradient);

        protected override void RunChunk(int start, int count, MlpWorkspace.ChunkScratch scratch, double[] partial)
        {
            Net.EnsureActivations(Theta, start, count, Ws, scratch);
            int width = Net.OutputSize;
            Net.BackwardRows(Theta, start, count, Ws, scratch, _outputGradient.AsSpan(start * width, count * width), partial);
        }
    }

    internal sealed class TangentJob(Mlp net, MlpWorkspace ws) : ChunkJob(net, ws)
    {
        private double[] _tangent = [];

        public void Prepare(double[] theta, double[] tangent, int rows) => (Theta, _tangent, Rows) = (theta, tangent, rows);

        public override void Run(int chunk, int worker)
        {
            var (start, count) = RowsOf(chunk);
            var scratch = Ws.Scratch[worker];
            Net.EnsureActivations(Theta, start, count, Ws, scratch);
            int width = Net.OutputSize;
            Net.TangentRows(Theta, _tangent, start, count, Ws, scratch).CopyTo(Ws.TangentOutputs.AsSpan(start * width, count * width));
        }
    }

    internal sealed class TangentThenBackwardJob(Mlp net, MlpWorkspace ws) : ReductionJob(net, ws)
    {
        private double[] _tangent = [];
        private IOutputMap? _map;

        public void Prepare(double[] theta, double[] tangent, int rows, IOutputMap map) => (Theta, _tangent, Rows, _map) = (theta, tangent, rows, map);

        protected override void RunChunk(int start, int count, MlpWorkspace.ChunkScratch scratch, double[] partial)
        {
            Net.EnsureActivations(Theta, start, count, Ws, scratch);
            Span<double> jv = Net.TangentRows(Theta, _tangent, start, count, Ws, scratch);
            Span<double> u = scratch.Deltas[Net.LayerCount].AsSpan(0, count * Net.OutputSize);
            _map!.Map(start, count, jv, u, scratch.RowScratch);
            Net.BackwardRows(Theta, start, count, Ws, scratch, u, partial);
        }
    }
}
