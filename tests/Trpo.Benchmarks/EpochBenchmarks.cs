using BenchmarkDotNet.Attributes;
using Trpo.Core.Training;

namespace Trpo.Benchmarks;

/// <summary>Whole epochs (rollout, GAE, policy step, critic fit) per preset and environment, on one and two threads.</summary>
[MemoryDiagnoser]
public class EpochBenchmarks
{
    private Trainer _trainer = null!;

    [Params("CartPole-v1", "Pendulum-v1")]
    public string Environment { get; set; } = "";

    [Params("sb3", "spinningup")]
    public string Preset { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup() => _trainer = new Trainer(Presets.Find(Preset)!, Environment, 0, Threads);

    [Benchmark(Description = "one epoch")]
    public double Epoch() => _trainer.RunEpoch().Kl;
}

/// <summary>The critic fit of the sb3 preset: 10 epochs of minibatch 128 over 2048 rows.</summary>
[MemoryDiagnoser]
public class CriticBenchmarks
{
    private ValueFunction _critic = null!;
    private double[] _obs = null!, _targets = null!;
    private Trpo.Core.Numerics.Rng _shuffle = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = Trpo.Core.Numerics.Rng.ForStream(3, Trpo.Core.Numerics.RngPurpose.Test);
        _critic = new ValueFunction(4, [64, 64], 1e-3, 1e-5);
        _critic.Initialize(WeightInit.Orthogonal, rng);
        _obs = Enumerable.Range(0, 2048 * 4).Select(_ => rng.NextGaussian()).ToArray();
        _targets = Enumerable.Range(0, 2048).Select(_ => rng.NextGaussian()).ToArray();
        _shuffle = Trpo.Core.Numerics.Rng.ForStream(4, Trpo.Core.Numerics.RngPurpose.Test);
    }

    [Benchmark(Description = "critic fit, sb3 (10 x 16 minibatches)")]
    public double Fit() => _critic.Fit(_obs, _targets, 2048, 10, 128, _shuffle)[^1];
}
