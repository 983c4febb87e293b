using System.Runtime.Intrinsics;
using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>
/// A fixed set of tanh arguments and a hash of DetMath.Tanh's results over them, computed the same way in the test process and
/// in a child process whose runtime is told the CPU lacks AVX-512, AVX2 or every vector instruction
/// (<see cref="TanhVectorWidthIndependenceTests"/>). Arguments are made from integer bits only (no floating-point operation
/// that could differ between the runs), the span results in chunks of every length 0–299 so blocks, groups of four and
/// eight and every tail are hit.
/// </summary>
internal static class TanhHash
{
    /// <summary>Arguments hashed: 4 × 2^20.</summary>
    public const int Count = 4 << 20;

    /// <summary>
    /// x_i from SplitMix64 bits: a quarter log-uniform magnitudes from 2^-40 to 2^6 (random exponent and mantissa), a quarter
    /// uniform on [−20, 20), a quarter uniform on [−3, 3), a quarter within 2^-12 of the branch point ±0.125 or of the
    /// saturation threshold ±19.06; integer arithmetic and IEEE basic operations only, so the same doubles in every process.
    /// </summary>
    public static double[] Arguments()
    {
        var x = new double[Count];
        ulong state = 0x7A9E_5EED_0000_0001UL;
        for (int i = 0; i < x.Length; i++)
        {
            ulong u = Next(ref state);
            ulong sign = u & (1UL << 63);
            double value = (i & 3) switch
            {
                0 => BitConverter.Int64BitsToDouble((long)(((ulong)(1023 - 40 + (int)((u >> 52) % 47)) << 52) | (u & ((1UL << 52) - 1)))),
                1 => (long)(u >> 11) * Math.ScaleB(40.0, -53) - 20.0,
                2 => (long)(u >> 11) * Math.ScaleB(6.0, -53) - 3.0,
                _ => ((u >> 62) & 1) == 0 ? 0.125 + ((long)(u >> 20) - (1L << 43)) * Math.ScaleB(1.0, -55) : 19.061547465398498 + ((long)(u >> 20) - (1L << 43)) * Math.ScaleB(1.0, -55),
            };
            x[i] = sign != 0 && (i & 3) != 1 && (i & 3) != 2 ? -value : value;
        }
        return x;
    }

    /// <summary>FNV-1a over the result bits of the scalar function, one 64-bit word at a time.</summary>
    public static ulong ScalarHash(double[] x)
    {
        ulong h = Offset;
        foreach (double v in x) h = Mix(h, DetMath.Tanh(v));
        return h;
    }

    /// <summary>The same hash over the span function's results, the arguments taken in chunks of lengths 0, 1, ..., 299, 0, 1, ...</summary>
    public static ulong SpanHash(double[] x)
    {
        var y = new double[x.Length];
        for (int start = 0, length = 0; start < x.Length; start += length, length = (length + 1) % 300)
        {
            int n = Math.Min(length, x.Length - start);
            DetMath.Tanh(x.AsSpan(start, n), y.AsSpan(start, n));
        }
        ulong h = Offset;
        foreach (double v in y) h = Mix(h, v);
        return h;
    }

    /// <summary>The child's entry: prints "vector512=&lt;bool&gt; vector256=&lt;bool&gt; scalar=&lt;hash&gt; span=&lt;hash&gt;".</summary>
    public static int Run()
    {
        var x = Arguments();
        Console.WriteLine($"vector512={Vector512.IsHardwareAccelerated} vector256={Vector256.IsHardwareAccelerated} scalar={ScalarHash(x):x16} span={SpanHash(x):x16}");
        return 0;
    }

    private const ulong Offset = 0xCBF2_9CE4_8422_2325UL;

    private static ulong Mix(ulong h, double v) => (h ^ (ulong)BitConverter.DoubleToInt64Bits(v)) * 0x0000_0100_0000_01B3UL;

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }
}
