using BenchmarkDotNet.Attributes;
using Trpo.Core.Numerics;
using Trpo.Core.Optimization;
using Trpo.Core.Policies;
using Trpo.Core.Training;

namespace Trpo.Benchmarks;

/// <summary>The TRPO policy-step pieces on a fixed 2048-row CartPole-shaped batch ([64, 64] policy, 2 actions).</summary>
[MemoryDiagnoser]
public class PolicyStepBenchmarks
{
    private const int Rows = 2048;
    private StochasticPolicy _policy = null!;
    private double[] _theta = null!, _obs = null!, _actions = null!, _advantages = null!, _v = null!, _result = null!, _scratch = null!, _outputs = null!;
    private MlpWorkspace _ws = null!;
    private PolicyStep _step = null!;
    private TrpoOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _options = Presets.Sb3;
        _policy = new StochasticPolicy(4, Trpo.Core.Environments.ActionKind.Discrete, 2, [64, 64]);
        _theta = new double[_policy.ParameterCount];
        var rng = Rng.ForStream(2, RngPurpose.Test);
        _policy.Initialize(_theta, WeightInit.Orthogonal, 0, rng);
        _obs = Enumerable.Range(0, Rows * 4).Select(_ => rng.NextGaussian()).ToArray();
        _actions = Enumerable.Range(0, Rows).Select(_ => (double)rng.NextBelow(2)).ToArray();
        _advantages = Enumerable.Range(0, Rows).Select(_ => rng.NextGaussian()).ToArray();
        _v = Enumerable.Range(0, _policy.ParameterCount).Select(_ => rng.NextGaussian()).ToArray();
        _result = new double[_policy.ParameterCount];
        _scratch = new double[Rows * 2];
        _ws = _policy.Network.CreateWorkspace(Rows);
        _outputs = _policy.Evaluate(_theta, _obs, Rows, _ws).ToArray();
        _step = new PolicyStep(_policy, _options, Rows);
    }

    [Benchmark(Description = "Fisher-vector product, 2048 rows")]
    public double FisherVectorProduct()
    {
        _policy.FisherVectorProduct(_theta, _outputs, Rows, _ws, _v, 0.1, _result);
        return _result[0];
    }

    [Benchmark(Description = "CG solve, 15 iterations")]
    public double ConjugateGradientSolve()
    {
        var x = new double[_v.Length];
        ConjugateGradient.Solve((v, r) => _policy.FisherVectorProduct(_theta, _outputs, Rows, _ws, v, 0.1, r), _v, x, 15, 0);
        return x[0];
    }

    [Benchmark(Description = "whole policy step (g, CG, line search)")]
    public double WholePolicyStep()
    {
        var theta = (double[])_theta.Clone();
        return _step.Run(theta, _obs, _actions, _advantages, Rows).AcceptedStepFraction;
    }
}
