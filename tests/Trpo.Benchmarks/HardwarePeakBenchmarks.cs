using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace Trpo.Benchmarks;

/// <summary>
/// The machine's double-precision peak without fused multiply-add, as the engine computes (README,
/// "Performance"): six independent Vector256 multiply chains and six add chains, enough to cover their latency,
/// so the loop runs at the multiply and add ports' throughput. One operation is one FLOP per lane;
/// GFLOP/s = 1 / (reported ns per operation).
/// </summary>
[MemoryDiagnoser]
public class HardwarePeakBenchmarks
{
    private const int Iterations = 1_000_000;

    /// <summary>FLOPs per invocation: 12 vector operations × 4 lanes per iteration.</summary>
    private const int Flops = Iterations * 12 * 4;

    [Benchmark(Description = "peak: 1 FLOP (mul or add), Vector256, one thread", OperationsPerInvoke = Flops)]
    public double MultiplyAddPeak() => Run(Iterations);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Run(int iterations)
    {
        var a = Vector256.Create(1.0000001);
        var b = Vector256.Create(0.9999999);
        Vector256<double> m0 = Vector256.Create(1.0), m1 = m0, m2 = m0, m3 = m0, m4 = m0, m5 = m0;
        Vector256<double> s0 = Vector256.Create(0.5), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0;
        for (int i = 0; i < iterations; i++)
        {
            m0 *= a; m1 *= b; m2 *= a; m3 *= b; m4 *= a; m5 *= b;
            s0 += a; s1 += b; s2 += a; s3 += b; s4 += a; s5 += b;
        }
        return (m0 + m1 + m2 + m3 + m4 + m5 + s0 + s1 + s2 + s3 + s4 + s5).GetElement(0);
    }
}
