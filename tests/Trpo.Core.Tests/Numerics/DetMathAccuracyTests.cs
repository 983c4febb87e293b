using System.Numerics;
using Trpo.Core.Numerics;
using Xunit.Abstractions;

namespace Trpo.Core.Tests.Numerics;

/// <summary>
/// Accuracy sweeps: each function against <see cref="ReferenceMath"/> (about 300 correct bits) over 30k-55k
/// arguments chosen to cover the domain and its hard spots. Asserts the contract (at most 1 ulp from the
/// correctly rounded value) and the measured figures (max error at most 0.5001 ulp, not correctly rounded for at
/// most one argument in 10^4), and writes the measured max error and correctly rounded fraction to the test
/// output. One class per function so that xunit runs them in parallel.
/// </summary>
internal static class Sweep
{
    /// <summary>Runs f and the reference over the arguments, reports, and asserts the 1-ulp contract.</summary>
    public static UlpStatistics Run(
        string name, IReadOnlyList<double> arguments, Func<double, double> function, Func<double, BigFloat> reference,
        ITestOutputHelper output)
    {
        var statistics = new UlpStatistics(name);
        foreach (double x in arguments)
        {
            statistics.Add(x, function(x), reference(x));
        }
        output.WriteLine(statistics.Report());
        Assert.True(statistics.Failures.Count == 0, statistics.FailureText());
        // The measured figures (README, "Determinism"): no error above 0.5001 ulp, and not correctly rounded at
        // most once in 10^4 arguments (measured: none of these sweeps' arguments; 3 of 1.6 million sin/cos arguments against mpmath).
        Assert.True(statistics.MaxErrorUlps <= UlpStatistics.MaxMeasuredErrorUlps, statistics.Report());
        Assert.True(statistics.NotCorrectlyRoundedFraction <= UlpStatistics.MaxNotCorrectlyRoundedFraction, statistics.Report());
        return statistics;
    }

    /// <summary>The double nearest k * ln2 / 2^shift.</summary>
    public static double NearestMultipleOfLn2(long k, int shift) =>
        BigFloat.FromFixed(ReferenceMath.Ln2Fixed * k, ReferenceMath.FixedFractionBits + shift).RoundToDouble();

    /// <summary>The double nearest k * pi/2.</summary>
    public static double NearestMultipleOfPiOver2(BigInteger k) =>
        BigFloat.FromFixed(ReferenceMath.PiOver2Fixed * k, ReferenceMath.PiFractionBits).RoundToDouble();
}

public sealed class ExpAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Exp_IsWithinOneUlpOfHighPrecisionReference_OverSweep()
    {
        var sweep = new SweepArguments(seed: 101);
        sweep.AddUniform(15000, -745.2, 709.8)
             .AddLogUniform(15000, -60, 9, bothSigns: true)
             .AddLogUniform(2500, -1074, -30, bothSigns: true);
        // Near the rounding boundaries of the reduction, (m + 1/2) ln2/128, and near multiples of ln2.
        sweep.AddJittered(Enumerable.Range(0, 7500).Select(_ => Sweep.NearestMultipleOfLn2(2L * (sweep.NextBelow(525_000) - 262_000) + 1, 8)), 4);
        sweep.AddNeighbourhoods(Enumerable.Range(0, 20).Select(_ => Sweep.NearestMultipleOfLn2(sweep.NextBelow(2000) - 1000, 0)), 12);
        // Overflow threshold, underflow to zero, the subnormal range and the edge of the fast path.
        sweep.AddNeighbourhoods([709.782712893384, -745.1332191019412, -708.3964185322641, 707.0, -707.0], 100)
             .AddUniform(5000, -745.2, -708.3)
             .Add(0.0, -0.0, 1.0, -1.0, 700.0, -740.0, 5e-324, -5e-324, 1e-300);
        Sweep.Run("exp", sweep.Values, DetMath.Exp, ReferenceMath.Exp, output);
    }
}

public sealed class Expm1AccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Expm1_IsWithinOneUlpOfHighPrecisionReference_OverSweep()
    {
        var sweep = new SweepArguments(seed: 102);
        sweep.AddLogUniform(20000, -80, 9, bothSigns: true)
             .AddUniform(5000, -1.0, 1.0)
             .AddUniform(1250, -40.0, -36.0)
             .AddLogUniform(1250, -1074, -80, bothSigns: true);
        // Around |x| = ln2/256, where the reduction starts using the table.
        sweep.AddNeighbourhoods([Sweep.NearestMultipleOfLn2(1, 8), Sweep.NearestMultipleOfLn2(-1, 8), 709.0, -38.0], 100);
        sweep.Add(0.0, -0.0, 709.782712893384, 5.551115123125783E-17, -5.551115123125783E-17);
        var arguments = sweep.Values.Where(x => x <= 709.782712893384).ToList();
        Sweep.Run("expm1", arguments, DetMath.Expm1, ReferenceMath.Expm1, output);
    }
}

public sealed class LogAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Log_IsWithinOneUlpOfHighPrecisionReference_OverSweep()
    {
        var sweep = new SweepArguments(seed: 103);
        sweep.AddLogUniform(20000, -1074, 1023, bothSigns: false)
             .AddUniform(10000, 0.5, 2.0)
             .AddUniform(5000, 0.99, 1.01)
             .AddLogUniform(2500, -60, -10, bothSigns: false);
        // 1 + 2^-e and 1 - 2^-e style arguments near 1, where log x is tiny.
        sweep.AddNeighbourhoods([1.0], 500);
        // Midpoints between table centres c_j = 1 + j/256 and the edges sqrt(1/2), sqrt(2) of the reduction.
        sweep.AddJittered(Enumerable.Range(0, 5000).Select(_ => 1.0 + (sweep.NextBelow(181) - 75 + 0.5) / 256.0), 3);
        sweep.AddNeighbourhoods([Math.Sqrt(0.5), Math.Sqrt(2.0), 0.5, 2.0, double.MaxValue, 2.2250738585072014E-308], 50);
        sweep.AddNeighbourhoods(Enumerable.Range(0, 300).Select(i => Math.ScaleB(1.0, -1074 + 7 * i)), 2);
        sweep.Add(double.Epsilon, 1e-320, 10.0, 1e300, Math.E);
        var arguments = sweep.Values.Where(x => x > 0 && double.IsFinite(x)).ToList();
        Sweep.Run("log", arguments, DetMath.Log, ReferenceMath.Log, output);
    }
}

public sealed class Log1pAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Log1p_IsWithinOneUlpOfHighPrecisionReference_OverSweep()
    {
        var sweep = new SweepArguments(seed: 104);
        const int positiveCount = 12500;
        sweep.AddLogUniform(positiveCount, -80, 1023, bothSigns: false)
             .AddLogUniform(10000, -80, -1, bothSigns: false);
        // The second group, negated, lies in (-1, 0).
        var negatives = sweep.Values.Skip(positiveCount).Select(v => -v).ToList();
        var arguments = sweep.Values.Take(positiveCount).Concat(negatives).ToList();
        var more = new SweepArguments(seed: 105);
        more.AddUniform(5000, -0.5, 1.0)
            .AddLogUniform(1250, -1074, -80, bothSigns: true)
            .AddNeighbourhoods([-1.0, 0.0, Math.Sqrt(2.0) - 1.0, Math.Sqrt(0.5) - 1.0], 100)
            .Add(double.MaxValue, 1e300);
        arguments.AddRange(more.Values.Where(x => x > -1.0));
        Sweep.Run("log1p", arguments, DetMath.Log1p, ReferenceMath.Log1p, output);
    }
}

public sealed class TanhAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Tanh_IsWithinOneUlpOfHighPrecisionReference_OverSweep()
    {
        var sweep = new SweepArguments(seed: 106);
        sweep.AddLogUniform(35000, -60, 5, bothSigns: true)
             .AddUniform(10000, -3.0, 3.0)
             .AddUniform(2500, 18.0, 21.0)
             .AddLogUniform(1250, -1074, -60, bothSigns: true);
        // The tiny-argument cut 2^-27, the saturation cut 20, the expm1 table edge at |2x| = ln2/256.
        sweep.AddNeighbourhoods([7.450580596923828E-09, -7.450580596923828E-09, 20.0, -20.0, Sweep.NearestMultipleOfLn2(1, 9)], 100);
        sweep.Add(0.0, -0.0, 0.5, 1.0, 1e-300, 710.0, -1e300);
        Sweep.Run("tanh", sweep.Values, DetMath.Tanh, ReferenceMath.Tanh, output);
    }
}

/// <summary>Arguments shared by the sin and cos sweeps.</summary>
internal static class TrigArguments
{
    /// <summary>6381956970095103 * 2^797: the double closest to a multiple of pi/2 (Kahan, McDonald; about 2^-61 away).</summary>
    public static readonly double ClosestToMultipleOfPiOver2 = Math.ScaleB(6381956970095103.0, 797);

    public static List<double> Build(ulong seed)
    {
        var sweep = new SweepArguments(seed);
        sweep.AddLogUniform(20000, -40, 19, bothSigns: true)
             .AddUniform(7500, -10.0, 10.0)
             .AddLogUniform(10000, 20, 1023, bothSigns: true);
        // The angles the environments feed in: wrapped (Acrobot, Pendulum) and unwrapped (CartPoleSwingUp, Reacher2D, Pendulum's state).
        sweep.AddUniform(1500, -Math.PI, Math.PI)
             .AddUniform(1500, -400.0, 400.0);
        // Near multiples of pi/2 (where the reduction cancels) for small and large k.
        sweep.AddJittered(Enumerable.Range(0, 7500).Select(_ => Sweep.NearestMultipleOfPiOver2(1 + sweep.NextBelow(1 << 20))), 3);
        sweep.AddNeighbourhoods(Enumerable.Range(1, 8).Select(k => Sweep.NearestMultipleOfPiOver2(k)), 20);
        sweep.AddNeighbourhoods(Enumerable.Range(0, 40).Select(_ => Sweep.NearestMultipleOfPiOver2(
            (BigInteger)sweep.NextBelow(int.MaxValue) << (20 + sweep.NextBelow(900)))), 2);
        // Table midpoints (j + 1/2)/128 of the kernel, the Cody–Waite limit, pi/4, tiny cut.
        sweep.AddJittered(Enumerable.Range(0, 2500).Select(_ => (sweep.NextBelow(101) + 0.5) / 128.0), 3);
        sweep.AddNeighbourhoods([1048576.0, 0.7853981633974483, 7.450580596923828E-09, ClosestToMultipleOfPiOver2], 20);
        sweep.Add(0.0, -0.0, 1e22, -1e22, 1e300, double.MaxValue, -double.MaxValue, Math.ScaleB(1.0, 1023),
                  Math.PI, 2 * Math.PI, 5e-324, 1e-300, 5.319372648326541e255);
        return [.. sweep.Values];
    }
}

public sealed class SinAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Sin_IsWithinOneUlpOfHighPrecisionReference_OverSweep()
    {
        Sweep.Run("sin", TrigArguments.Build(seed: 107), DetMath.Sin, ReferenceMath.Sin, output);
    }
}

public sealed class CosAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Cos_IsWithinOneUlpOfHighPrecisionReference_OverSweep()
    {
        Sweep.Run("cos", TrigArguments.Build(seed: 108), DetMath.Cos, ReferenceMath.Cos, output);
    }
}
