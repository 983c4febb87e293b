using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Trpo.Core.Numerics;

namespace Trpo.Benchmarks;

/// <summary>
/// The cost of computing a product's exact error with Dekker's splitting instead of one FMA (DetMath.DoubleDouble):
/// every benchmark runs twice in one session, as the tool runs (<c>fma</c>) and with the runtime told that the CPU has no
/// FMA (<c>DOTNET_EnableFMA=0</c>, so <c>Fma.IsSupported</c> is false and the splitting is used). The bits are the same
/// either way (ExactProductErrorTests); only the time differs.
/// </summary>
[Config(typeof(FmaOnOffConfig))]
[MemoryDiagnoser]
public class ExactProductErrorBenchmarks
{
    private const int Length = 1024;
    private readonly double[] _x = new double[Length];
    private readonly double[] _y = new double[Length];

    [GlobalSetup]
    public void Setup()
    {
        var rng = Rng.ForStream(3, RngPurpose.Test);
        for (int i = 0; i < Length; i++) _x[i] = rng.NextUniform(-3.0, 3.0); // pre-activations of a tanh layer
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

/// <summary>The rollout benchmarks (<see cref="RolloutBenchmarks"/>) with and without FMA for the exact product errors, side by side.</summary>
[Config(typeof(FmaOnOffConfig))]
public class RolloutFmaOnOffBenchmarks : RolloutBenchmarks;

/// <summary>Two jobs: the default runtime (<c>fma</c>) and <c>DOTNET_EnableFMA=0</c> (<c>no-fma</c>), short runs.</summary>
public sealed class FmaOnOffConfig : ManualConfig
{
    public FmaOnOffConfig()
    {
        var job = Job.ShortRun.WithIterationCount(7);
        AddJob(job.WithId("fma"));
        AddJob(job.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableFMA", "0")).WithId("no-fma"));
    }
}
