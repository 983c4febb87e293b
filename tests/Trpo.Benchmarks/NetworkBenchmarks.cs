using BenchmarkDotNet.Attributes;
using Trpo.Core.Numerics;
using Trpo.Core.Policies;
using Trpo.Core.Training;

namespace Trpo.Benchmarks;

/// <summary>The dense-network passes over a 4000-row batch (Spinning Up's steps_per_epoch) with [64, 64] tanh layers.</summary>
[MemoryDiagnoser]
public class NetworkBenchmarks
{
    private const int Rows = 4000;
    private Mlp _net = null!;
    private double[] _theta = null!, _input = null!, _upstream = null!, _gradient = null!, _tangent = null!;
    private MlpWorkspace _ws = null!;

    [GlobalSetup]
    public void Setup()
    {
        _net = new Mlp(4, [64, 64], 2);
        _theta = new double[_net.ParameterCount];
        var rng = Rng.ForStream(1, RngPurpose.Test);
        WeightInitializer.Initialize(_net, _theta, WeightInit.Uniform, rng, 1, 1);
        _input = Enumerable.Range(0, Rows * 4).Select(_ => rng.NextGaussian()).ToArray();
        _upstream = Enumerable.Range(0, Rows * 2).Select(_ => rng.NextGaussian()).ToArray();
        _tangent = Enumerable.Range(0, _net.ParameterCount).Select(_ => rng.NextGaussian()).ToArray();
        _gradient = new double[_net.ParameterCount];
        _ws = _net.CreateWorkspace(Rows);
        _net.Forward(_theta, _input, Rows, _ws);
    }

    [Benchmark(Description = "forward 4000x[4-64-64-2]")]
    public double Forward() => _net.Forward(_theta, _input, Rows, _ws)[0];

    [Benchmark(Description = "backprop 4000 rows")]
    public double Backward()
    {
        Array.Clear(_gradient);
        _net.Backward(_theta, _upstream, Rows, _ws, _gradient);
        return _gradient[0];
    }

    [Benchmark(Description = "JVP 4000 rows")]
    public double JacobianVectorProduct() => _net.JacobianVectorProduct(_theta, _tangent, Rows, _ws)[0];
}
