using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace Trpo.Benchmarks;

/// <summary>
/// The machine's double-precision peaks (README, "Performance"). Without fused multiply-add: six independent
/// Vector256 multiply chains and six add chains, enough to cover their latency, so the loop runs at the multiply
/// and add ports' throughput; one operation is one FLOP per lane. With fused multiply-add, as the dense kernels
/// compute since issue 9: twelve independent Vector256.FusedMultiplyAdd chains (latency × two FMA ports); one
/// fused operation is two FLOPs per lane. And the same twelve fused chains with Vector512 (eight lanes), which the
/// kernels use where the CPU has AVX-512 (without it the JIT emulates a Vector512 with two 256-bit halves, so it then
/// measures the 256-bit peak again). GFLOP/s = 1 / (reported ns per FLOP).
/// </summary>
[MemoryDiagnoser]
public class HardwarePeakBenchmarks
{
    private const int Iterations = 1_000_000;

    /// <summary>FLOPs per invocation: 12 vector operations × 4 lanes per iteration.</summary>
    private const int Flops = Iterations * 12 * 4;

    [Benchmark(Description = "peak: 1 FLOP (mul or add), Vector256, one thread", OperationsPerInvoke = Flops)]
    public double MultiplyAddPeak() => Run(Iterations);

    [Benchmark(Description = "peak: 1 FLOP (half a fused multiply-add), Vector256, one thread", OperationsPerInvoke = 2 * Flops)]
    public double FusedMultiplyAddPeak() => RunFused(Iterations);

    [Benchmark(Description = "peak: 1 FLOP (half a fused multiply-add), Vector512, one thread", OperationsPerInvoke = 4 * Flops)]
    public double FusedMultiplyAddPeak512() => RunFused512(Iterations);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double RunFused512(int iterations)
    {
        // as RunFused, eight lanes per chain
        var a = Vector512.Create(0.9999999);
        var b = Vector512.Create(1e-7);
        Vector512<double> s0 = Vector512.Create(1.0), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0;
        Vector512<double> s6 = s0, s7 = s0, s8 = s0, s9 = s0, s10 = s0, s11 = s0;
        for (int i = 0; i < iterations; i++)
        {
            s0 = Vector512.FusedMultiplyAdd(s0, a, b); s1 = Vector512.FusedMultiplyAdd(s1, a, b);
            s2 = Vector512.FusedMultiplyAdd(s2, a, b); s3 = Vector512.FusedMultiplyAdd(s3, a, b);
            s4 = Vector512.FusedMultiplyAdd(s4, a, b); s5 = Vector512.FusedMultiplyAdd(s5, a, b);
            s6 = Vector512.FusedMultiplyAdd(s6, a, b); s7 = Vector512.FusedMultiplyAdd(s7, a, b);
            s8 = Vector512.FusedMultiplyAdd(s8, a, b); s9 = Vector512.FusedMultiplyAdd(s9, a, b);
            s10 = Vector512.FusedMultiplyAdd(s10, a, b); s11 = Vector512.FusedMultiplyAdd(s11, a, b);
        }
        return (s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11).GetElement(0);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double RunFused(int iterations)
    {
        // s ← s·a + b converges to b / (1 − a): finite for ever, and each chain depends on its previous value
        var a = Vector256.Create(0.9999999);
        var b = Vector256.Create(1e-7);
        Vector256<double> s0 = Vector256.Create(1.0), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0;
        Vector256<double> s6 = s0, s7 = s0, s8 = s0, s9 = s0, s10 = s0, s11 = s0;
        for (int i = 0; i < iterations; i++)
        {
            s0 = Vector256.FusedMultiplyAdd(s0, a, b); s1 = Vector256.FusedMultiplyAdd(s1, a, b);
            s2 = Vector256.FusedMultiplyAdd(s2, a, b); s3 = Vector256.FusedMultiplyAdd(s3, a, b);
            s4 = Vector256.FusedMultiplyAdd(s4, a, b); s5 = Vector256.FusedMultiplyAdd(s5, a, b);
            s6 = Vector256.FusedMultiplyAdd(s6, a, b); s7 = Vector256.FusedMultiplyAdd(s7, a, b);
            s8 = Vector256.FusedMultiplyAdd(s8, a, b); s9 = Vector256.FusedMultiplyAdd(s9, a, b);
            s10 = Vector256.FusedMultiplyAdd(s10, a, b); s11 = Vector256.FusedMultiplyAdd(s11, a, b);
        }
        return (s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11).GetElement(0);
    }

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
