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
    private MlpWorkspace _trialWs = null!;
    private PolicyStep _step = null!;
    private TrpoOptions _options = null!;
    private FisherOperator _fisher = null!;
    private LinearOperator _fisherProduct = null!;
    private double[] _cgScratch = null!;
    private double[] _x = null!, _g = null!, _trial = null!, _oldLogProbs = null!, _trialLogProbs = null!;

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
        _trialWs = _policy.Network.CreateWorkspace(Rows, cacheActivations: false);
        _outputs = _policy.Evaluate(_theta, _obs, Rows, _ws).ToArray();
        _step = new PolicyStep(_policy, _options, Rows);
        _fisher = new FisherOperator(_policy);
        _fisher.Prepare(_theta, _outputs, Rows, _ws, 0.1);
        _fisherProduct = _fisher.Apply;
        _x = new double[_policy.ParameterCount];
        _cgScratch = new double[3 * _policy.ParameterCount];
        _g = new double[_policy.ParameterCount];
        _policy.WeightedLogProbGradient(_theta, _outputs, _actions, _advantages, Rows, _ws, _scratch, _g);
        _trial = new double[_policy.ParameterCount];
        _oldLogProbs = new double[Rows];
        _trialLogProbs = new double[Rows];
        _policy.LogProbs(_outputs, _policy.LogStd(_theta), _actions, Rows, _oldLogProbs);
    }

    [Benchmark(Description = "policy gradient: backprop over 2048 rows")]
    public double Gradient()
    {
        _policy.WeightedLogProbGradient(_theta, _outputs, _actions, _advantages, Rows, _ws, _scratch, _g);
        return _g[0];
    }

    [Benchmark(Description = "Fisher-vector product, 2048 rows")]
    public double FisherVectorProduct()
    {
        _fisher.Apply(_v, _result);
        return _result[0];
    }

    /// <summary>
    /// With <see cref="ConjugateGradientOneIteration"/>: the solve allocates only its result, whose residual array holds one
    /// double per iteration, so the two differ by 8 bytes per iteration and nothing else.
    /// </summary>
    [Benchmark(Description = "CG solve, 15 iterations")]
    public double ConjugateGradientSolve() => ConjugateGradient.Solve(_fisherProduct, _g, _x, 15, 0, _cgScratch).FinalResidual;

    [Benchmark(Description = "CG solve, 1 iteration")]
    public double ConjugateGradientOneIteration() => ConjugateGradient.Solve(_fisherProduct, _g, _x, 1, 0, _cgScratch).FinalResidual;

    /// <summary>One line-search trial as PolicyStep evaluates it: θ + s x, forward pass, mean KL, log-probs, surrogate.</summary>
    [Benchmark(Description = "line-search trial, 2048 rows")]
    public double LineSearchTrial()
    {
        VectorOps.Combine(_theta, 1e-3, _v, _trial);
        var outputs = _policy.Evaluate(_trial, _obs, Rows, _trialWs);
        double kl = _policy.MeanKl(_outputs, _policy.LogStd(_theta), outputs, _policy.LogStd(_trial), Rows);
        _policy.LogProbs(outputs, _policy.LogStd(_trial), _actions, Rows, _trialLogProbs);
        double sum = 0.0;
        for (int i = 0; i < Rows; i++) sum += DetMath.Exp(_trialLogProbs[i] - _oldLogProbs[i]) * _advantages[i];
        return kl + sum;
    }

    [Benchmark(Description = "whole policy step (g, CG, line search)")]
    public double WholePolicyStep()
    {
        var theta = (double[])_theta.Clone();
        return _step.Run(theta, _obs, _actions, _advantages, Rows).AcceptedStepFraction;
    }
}
