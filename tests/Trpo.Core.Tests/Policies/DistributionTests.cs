using Trpo.Core.Policies;

namespace Trpo.Core.Tests.Policies;

public class DistributionTests
{
    [Fact]
    public void Categorical_LogSoftmax_OfEqualLogits_IsMinusLogK()
    {
        var lp = new double[4];
        Categorical.LogSoftmax([3.0, 3.0, 3.0, 3.0], lp);
        Assert.All(lp, x => Assert.Equal(-Math.Log(4), x, 14));
        Assert.Equal(Math.Log(4), Categorical.Entropy([3.0, 3.0, 3.0, 3.0], new double[4]), 14);
    }

    [Fact]
    public void Categorical_LogSoftmax_IsStableForHugeLogits()
    {
        var lp = new double[2];
        Categorical.LogSoftmax([1000.0, 0.0], lp);
        Assert.Equal(0.0, lp[0], 14);
        Assert.Equal(-1000.0, lp[1], 10);
    }

    [Fact]
    public void Categorical_Kl_IsZeroForEqualAndPositiveForDifferentLogits()
    {
        Assert.Equal(0.0, Categorical.Kl([0.3, -1.0, 2.0], [0.3, -1.0, 2.0], new double[3], new double[3]));
        Assert.True(Categorical.Kl([0.3, -1.0, 2.0], [0.0, 0.0, 0.0], new double[3], new double[3]) > 0);
    }

    [Fact]
    public void Categorical_LogProbGradient_MatchesFiniteDifferences()
    {
        double[] z = [0.2, -0.7, 1.1];
        var g = new double[3];
        Categorical.LogProbGradient(z, 2, g);
        for (int i = 0; i < 3; i++)
        {
            var e = new double[3];
            e[i] = 1;
            double fd = TestData.Directional(x => Categorical.LogProb(x, 2, new double[3]), z, e);
            TestData.Close(fd, g[i], TestData.FiniteDifferenceTolerance, $"dlogp/dz[{i}]");
        }
    }

    [Fact]
    public void Categorical_FisherProduct_IsTheHessianOfKlAtTheOldLogits()
    {
        // d/dε ∂KL(p_old ‖ p(z_old + ε u))/∂z_i, with ∂KL/∂z = p(z) − p_old
        double[] z = [0.5, -0.2, 0.9, 0.0];
        double[] u = [1.0, -2.0, 0.5, 0.25];
        var p = new double[4];
        Categorical.Probabilities(z, p);
        var mu = new double[4];
        Categorical.FisherProduct(p, u, mu);
        for (int i = 0; i < 4; i++)
        {
            int index = i;
            double fd = TestData.Directional(x => { var q = new double[4]; Categorical.Probabilities(x, q); return q[index] - p[index]; }, z, u);
            TestData.Close(fd, mu[i], TestData.FiniteDifferenceTolerance, $"(Mu)[{i}]");
        }
    }

    [Fact]
    public void Categorical_Sample_FollowsTheProbabilities()
    {
        double[] z = [Math.Log(0.2), Math.Log(0.5), Math.Log(0.3)];
        var rng = TestData.Rng(5);
        var counts = new int[3];
        const int draws = 100_000;
        for (int i = 0; i < draws; i++) counts[Categorical.Sample(z, rng, new double[3])]++;
        // 5 standard errors of a binomial proportion: sqrt(0.25/1e5) ≈ 0.0016
        Assert.InRange(counts[0] / (double)draws, 0.2 - 0.008, 0.2 + 0.008);
        Assert.InRange(counts[1] / (double)draws, 0.5 - 0.008, 0.5 + 0.008);
        Assert.InRange(counts[2] / (double)draws, 0.3 - 0.008, 0.3 + 0.008);
    }

    [Fact]
    public void Gaussian_LogProb_MatchesTheDensityFormula()
    {
        // N(1, 0.5²) at 2: log(1/(0.5 sqrt(2π))) − 0.5 (1/0.5)²
        double expected = -Math.Log(0.5 * Math.Sqrt(2 * Math.PI)) - 2.0;
        Assert.Equal(expected, DiagonalGaussian.LogProb([1.0], [Math.Log(0.5)], [2.0]), 13);
    }

    [Fact]
    public void Gaussian_Kl_MatchesTheClosedFormAndIsZeroForEqualArguments()
    {
        Assert.Equal(0.0, DiagonalGaussian.Kl([0.5, 1.0], [0.1, -0.3], [0.5, 1.0], [0.1, -0.3]), 15);
        // KL(N(0,1) ‖ N(1,2²)) = log 2 + (1 + 1)/8 − 1/2
        Assert.Equal(Math.Log(2) + 0.25 - 0.5, DiagonalGaussian.Kl([0.0], [0.0], [1.0], [Math.Log(2)]), 14);
    }

    [Fact]
    public void Gaussian_LogProbGradient_MatchesFiniteDifferences()
    {
        double[] mean = [0.3, -1.2], logStd = [-0.4, 0.2], action = [1.0, -0.5];
        var gm = new double[2];
        var gs = new double[2];
        DiagonalGaussian.LogProbGradient(mean, logStd, action, gm, gs);
        for (int i = 0; i < 2; i++)
        {
            var e = new double[2];
            e[i] = 1;
            TestData.Close(TestData.Directional(m => DiagonalGaussian.LogProb(m, logStd, action), mean, e), gm[i], TestData.FiniteDifferenceTolerance, "d/dmu");
            TestData.Close(TestData.Directional(s => DiagonalGaussian.LogProb(mean, s, action), logStd, e), gs[i], TestData.FiniteDifferenceTolerance, "d/dlogstd");
        }
    }

    [Fact]
    public void Gaussian_Sample_HasTheRequestedMeanAndSpread()
    {
        var rng = TestData.Rng(6);
        const int draws = 100_000;
        double sum = 0, sumSq = 0;
        var a = new double[1];
        for (int i = 0; i < draws; i++)
        {
            DiagonalGaussian.Sample([2.0], [Math.Log(3.0)], rng, a);
            sum += a[0];
            sumSq += a[0] * a[0];
        }
        double mean = sum / draws, variance = sumSq / draws - mean * mean;
        Assert.InRange(mean, 2.0 - 0.05, 2.0 + 0.05);   // 5 standard errors: 5 · 3 / sqrt(1e5) ≈ 0.047
        Assert.InRange(variance, 9.0 - 0.25, 9.0 + 0.25);
    }

    [Fact]
    public void Gaussian_Entropy_MatchesTheClosedForm()
    {
        Assert.Equal(2 * 0.5 * Math.Log(2 * Math.PI * Math.E) + Math.Log(2) - 0.1, DiagonalGaussian.Entropy([Math.Log(2), -0.1]), 13);
    }
}
