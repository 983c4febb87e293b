using BenchmarkDotNet.Attributes;
using Trpo.Core.Environments;
using Trpo.Core.Numerics;
using Trpo.Core.Policies;
using Trpo.Core.Training;

namespace Trpo.Benchmarks;

/// <summary>
/// The rollout: one policy forward pass and sample alone, and whole rollout steps (forward, sample, env step,
/// batch bookkeeping) of a 2048-step collection; per step. [64, 64] tanh policy, sb3's orthogonal init.
/// </summary>
[MemoryDiagnoser]
public class RolloutBenchmarks
{
    private const int Steps = 2048;
    private StochasticPolicy _policy = null!;
    private double[] _theta = null!, _obs = null!, _actions = null!;
    private MlpWorkspace _ws = null!;
    private Rng[] _rngs = null!;
    private RolloutCollector _collector = null!;
    private RolloutBatch _batch = null!;

    [Params("CartPole-v1", "Pendulum-v1")]
    public string Environment { get; set; } = "";

    [Params(1, 8)]
    public int Envs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var spec = EnvironmentRegistry.SpecOf(Environment);
        _policy = new StochasticPolicy(spec.ObservationSize, spec.ActionKind, spec.ActionSize, [64, 64]);
        _theta = new double[_policy.ParameterCount];
        _policy.Initialize(_theta, WeightInit.Orthogonal, 0, Rng.ForStream(1, RngPurpose.PolicyInit));
        _ws = _policy.Network.CreateWorkspace(1);
        _rngs = [Rng.ForStream(2, RngPurpose.Test)];
        _obs = new double[spec.ObservationSize];
        EnvironmentRegistry.Create(Environment).Reset(_rngs[0], _obs);
        _actions = new double[_policy.ActionWidth];
        _collector = new RolloutCollector(Environment, Envs, 0, _policy);
        _batch = new RolloutBatch(Envs, Steps / Envs, spec.ObservationSize, _policy.ActionWidth);
    }

    [Benchmark(Description = "policy forward + sample, 1 row")]
    public double ForwardAndSample()
    {
        var outputs = _policy.Evaluate(_theta, _obs, 1, _ws);
        _policy.Sample(_theta, outputs, 1, _rngs, _actions);
        return _actions[0];
    }

    [Benchmark(Description = "rollout step (2048-step collection)", OperationsPerInvoke = Steps)]
    public double RolloutStep()
    {
        _collector.Collect(_theta, _batch);
        return _batch.Rewards[0];
    }
}
