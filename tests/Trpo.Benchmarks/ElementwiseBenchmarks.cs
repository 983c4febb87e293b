using BenchmarkDotNet.Attributes;
using Trpo.Core.Numerics;
using Trpo.Core.Optimization;

namespace Trpo.Benchmarks;

/// <summary>
/// The element-wise updates over a parameter vector of the sb3 CartPole critic's size ([64, 64], 4545 parameters): one
/// Adam step (160 per critic fit), the finiteness check before it, and conjugate gradient's x + a y. Eight lanes per
/// register with AVX-512, else four.
/// </summary>
[MemoryDiagnoser]
public class ElementwiseBenchmarks
{
    private const int Size = 4545;
    private readonly double[] _theta = new double[Size], _gradient = new double[Size], _result = new double[Size];
    private Adam _adam = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = Rng.ForStream(4, RngPurpose.Test);
        for (int i = 0; i < Size; i++) (_theta[i], _gradient[i]) = (rng.NextUniform(-1.0, 1.0), rng.NextUniform(-1e-2, 1e-2));
        _adam = new Adam(Size, 1e-3, 1e-5);
    }

    [Benchmark(Description = "Adam step, 4545 parameters")]
    public double AdamStep()
    {
        _adam.Step(_theta, _gradient);
        return _theta[0];
    }

    [Benchmark(Description = "AllFinite, 4545 doubles")]
    public bool AllFinite() => VectorOps.AllFinite(_gradient);

    [Benchmark(Description = "Combine x + a y, 4545 doubles")]
    public double Combine()
    {
        VectorOps.Combine(_theta, 1e-3, _gradient, _result);
        return _result[0];
    }
}
