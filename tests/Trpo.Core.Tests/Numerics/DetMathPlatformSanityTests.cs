using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>
/// A sanity signal only, not the reference: DetMath against the platform's C library through Math.*.
/// The tolerance is 2 ulps because the C library is not correctly rounded (glibc's tanh errs by up to
/// about 1.2 ulp, other libraries by more); the accuracy contract is checked against ReferenceMath.
/// </summary>
public sealed class DetMathPlatformSanityTests
{
    private const long PlatformToleranceUlps = 2;

    [Fact]
    public void DetMath_AgreesWithMathWithinTwoUlps_AsASanitySignal()
    {
        var rng = Rng.ForStream(13, RngPurpose.Test);
        for (int i = 0; i < 10_000; i++)
        {
            double x = rng.NextUniform(-700, 700);
            double small = rng.NextUniform(-20, 20);
            double positive = Math.ScaleB(1.0 + rng.NextDouble(), rng.NextBelow(2000) - 1000);
            Assert.InRange(UlpStatistics.UlpDistance(DetMath.Exp(x), Math.Exp(x)), 0, PlatformToleranceUlps);
            Assert.InRange(UlpStatistics.UlpDistance(DetMath.Log(positive), Math.Log(positive)), 0, PlatformToleranceUlps);
            Assert.InRange(UlpStatistics.UlpDistance(DetMath.Tanh(small), Math.Tanh(small)), 0, PlatformToleranceUlps);
            Assert.InRange(UlpStatistics.UlpDistance(DetMath.Sin(x), Math.Sin(x)), 0, PlatformToleranceUlps);
            Assert.InRange(UlpStatistics.UlpDistance(DetMath.Cos(x), Math.Cos(x)), 0, PlatformToleranceUlps);
        }
    }
}
