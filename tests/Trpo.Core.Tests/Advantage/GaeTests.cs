using Trpo.Core.Advantage;

namespace Trpo.Core.Tests.Advantage;

public class GaeTests
{
    private static (double[] deltas, double[] adv, double[] targets) Run(double[] r, double[] v, bool[] term, bool[] trunc, double[] boot, double gamma, double lam)
    {
        int n = r.Length;
        var d = new double[n];
        var a = new double[n];
        var t = new double[n];
        Gae.Compute(r, v, term, trunc, boot, gamma, lam, d, a, t);
        return (d, a, t);
    }

    [Fact]
    public void Compute_MatchesTheHandWorkedRecursion_WithATermination()
    {
        // steps 0,1 then termination at 1; step 2 starts a new episode cut by the batch end (bootstrap 10)
        double[] r = [1, 2, 3], v = [0.5, 1.5, 2.0], boot = [0, 0, 10];
        bool[] term = [false, true, false], trunc = [false, false, false];
        var (d, a, t) = Run(r, v, term, trunc, boot, 0.9, 0.5);
        // t=2: delta = 3 + 0.9·10 − 2 = 10, A = 10
        // t=1: terminal: delta = 2 − 1.5 = 0.5, A = 0.5
        // t=0: delta = 1 + 0.9·1.5 − 0.5 = 1.85, A = 1.85 + 0.45·0.5
        Assert.Equal([1 + 0.9 * 1.5 - 0.5, 2 - 1.5, 3 + 0.9 * 10 - 2.0], d);
        Assert.Equal([(1 + 0.9 * 1.5 - 0.5) + 0.9 * 0.5 * 0.5, 0.5, 3 + 0.9 * 10 - 2.0], a);
        Assert.Equal([a[0] + 0.5, a[1] + 1.5, a[2] + 2.0], t);
    }

    [Fact]
    public void Compute_BootstrapsATruncation_WithTheFinalObservationsValue_AndStopsTheRecursionThere()
    {
        double[] r = [1, 1, 1], v = [5, 6, 7], boot = [0, 100, 0];
        bool[] term = [false, false, false], trunc = [false, true, false];
        var (d, a, _) = Run(r, v, term, trunc, boot, 1.0, 1.0);
        // t=1 (truncated): delta = 1 + 100 − 6 = 95, A = 95 (nothing of t=2 flows back)
        Assert.Equal(95, d[1]);
        Assert.Equal(95, a[1]);
        // t=0: delta = 1 + 6 − 5 = 2, A = 2 + 95
        Assert.Equal(97, a[0]);
    }

    [Fact]
    public void Compute_TerminationWins_WhenAStepIsBothTerminatedAndTruncated()
    {
        var (d, _, _) = Run([1], [2], [true], [true], [50], 0.99, 0.95);
        Assert.Equal(1 - 2.0, d[0]);
    }

    [Fact]
    public void Compute_WithLambdaOne_GivesDiscountedReturnsMinusValues()
    {
        double[] r = [1, 2, 3, 4], v = [0.1, 0.2, 0.3, 0.4];
        var (_, a, t) = Run(r, v, [false, false, false, true], [false, false, false, false], [0, 0, 0, 0], 0.5, 1.0);
        // return-to-go G_0 = 1 + 0.5·2 + 0.25·3 + 0.125·4 = 3.25
        Assert.Equal(3.25 - 0.1, a[0], 14);
        Assert.Equal(3.25, t[0], 14);
    }

    [Fact]
    public void Normalize_GivesZeroMeanAndUnitPopulationStd()
    {
        double[] a = [1, 2, 3, 4, 10];
        var z = new double[5];
        AdvantageNormalizer.Normalize(a, z);
        Assert.Equal(0.0, z.Average(), 14);
        Assert.Equal(1.0, Math.Sqrt(z.Select(x => x * x).Average()), 7);
    }

    [Fact]
    public void Normalize_OfAConstantBatch_GivesZerosNotNaN()
    {
        var z = new double[3];
        AdvantageNormalizer.Normalize([2, 2, 2], z);
        Assert.Equal([0.0, 0.0, 0.0], z);
    }
}
