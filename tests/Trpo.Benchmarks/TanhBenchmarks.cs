using BenchmarkDotNet.Attributes;
using Trpo.Core.Numerics;

namespace Trpo.Benchmarks;

/// <summary>
/// DetMath.Tanh per element, over a span (four lanes at a time) and as scalar calls, on pre-activations of a tanh
/// layer. The hidden layers evaluate it for every unit of every row: 128 per rollout step, 2.6 million per sb3 critic fit.
/// </summary>
[MemoryDiagnoser]
public class TanhBenchmarks
{
    private const int Length = 1024;
    private readonly double[] _x = new double[Length];
    private readonly double[] _y = new double[Length];

    [GlobalSetup]
    public void Setup()
    {
        var rng = Rng.ForStream(3, RngPurpose.Test);
        for (int i = 0; i < Length; i++) _x[i] = rng.NextUniform(-3.0, 3.0);
    }

    [Benchmark(Description = "tanh over a span, per element", OperationsPerInvoke = Length)]
    public double TanhSpan()
    {
        DetMath.Tanh(_x, _y);
        return _y[Length - 1];
    }

    [Benchmark(Description = "scalar tanh, per element", OperationsPerInvoke = Length)]
    public double TanhScalar()
    {
        double sum = 0;
        foreach (double x in _x) sum += DetMath.Tanh(x);
        return sum;
    }
}
