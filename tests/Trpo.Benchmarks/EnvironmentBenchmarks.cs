using BenchmarkDotNet.Attributes;
using Trpo.Core.Environments;
using Trpo.Core.Numerics;

namespace Trpo.Benchmarks;

/// <summary>One environment step (resets included when an episode ends), random actions; per step.</summary>
[MemoryDiagnoser]
public class EnvironmentBenchmarks
{
    private const int Steps = 1000;
    private IEnvironment _env = null!;
    private Rng _rng = null!;
    private double[] _obs = null!, _action = null!;

    [Params("CartPole-v1", "Pendulum-v1")]
    public string Environment { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _env = EnvironmentRegistry.Create(Environment);
        _rng = Rng.ForStream(5, RngPurpose.Test);
        _obs = new double[_env.Spec.ObservationSize];
        _action = new double[_env.Spec.ActionKind == ActionKind.Discrete ? 1 : _env.Spec.ActionSize];
        _env.Reset(_rng, _obs);
    }

    [Benchmark(Description = "env step", OperationsPerInvoke = Steps)]
    public double Step()
    {
        double total = 0;
        bool discrete = _env.Spec.ActionKind == ActionKind.Discrete;
        for (int i = 0; i < Steps; i++)
        {
            _action[0] = discrete ? i & 1 : 2.0 * _rng.NextDouble() - 1.0;
            var step = _env.Step(_action, _obs);
            total += step.Reward;
            if (step.Done) _env.Reset(_rng, _obs);
        }
        return total;
    }
}
