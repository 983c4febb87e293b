using Trpo.Core.Numerics;

namespace Trpo.Core.Tests;

/// <summary>Seeded random inputs and finite-difference helpers shared by the tests.</summary>
internal static class TestData
{
    /// <summary>Central-difference step: about cbrt(machine epsilon), which balances truncation (h²) against rounding (ε/h).</summary>
    public const double FiniteDifferenceStep = 1e-5;

    /// <summary>Relative tolerance for central differences with <see cref="FiniteDifferenceStep"/>: O(h²) ≈ 1e-10 truncation and ε/h ≈ 1e-11 rounding, times a safety factor for curvature.</summary>
    public const double FiniteDifferenceTolerance = 1e-6;

    public static Rng Rng(ulong seed) => Trpo.Core.Numerics.Rng.ForStream(seed, RngPurpose.Test);

    public static double[] Gaussian(Rng rng, int n, double scale = 1.0)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = scale * rng.NextGaussian();
        return x;
    }

    /// <summary>d/dε f(x + ε v) at ε = 0 by central differences.</summary>
    public static double Directional(Func<double[], double> f, double[] x, double[] v, double h = FiniteDifferenceStep)
    {
        var plus = (double[])x.Clone();
        var minus = (double[])x.Clone();
        for (int i = 0; i < x.Length; i++) { plus[i] += h * v[i]; minus[i] -= h * v[i]; }
        return (f(plus) - f(minus)) / (2 * h);
    }

    /// <summary>Asserts |expected − actual| ≤ tol · max(1, |expected|).</summary>
    public static void Close(double expected, double actual, double tol, string what = "")
    {
        double scale = Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tol * scale, $"{what}: expected {expected:R}, actual {actual:R}, tolerance {tol:R} (scaled {tol * scale:R})");
    }
}
