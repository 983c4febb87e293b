using Trpo.Core.Optimization;

namespace Trpo.Core.Tests.Optimization;

public class BacktrackingLineSearchTests
{
    [Fact]
    public void Run_AcceptsTheFirstFraction_WithKlWithinDeltaAndPositiveImprovement()
    {
        // KL = fraction², improvement = fraction: accepted once fraction² ≤ 0.5, i.e. 0.8^j ≤ 0.707 → j = 2
        var result = BacktrackingLineSearch.Run(10, 0.8, 0.5, f => (f * f, f));
        Assert.Equal(3, result.Attempts.Count);
        Assert.Equal(0.8 * 0.8, result.AcceptedFraction);
        Assert.Equal([1.0, 0.8, 0.8 * 0.8], result.Attempts.Select(a => a.Fraction));
        Assert.Equal([false, false, true], result.Attempts.Select(a => a.Accepted));
    }

    [Fact]
    public void Run_AcceptsKlEqualToDelta()
    {
        var result = BacktrackingLineSearch.Run(10, 0.5, 0.25, f => (0.25, 1.0));
        Assert.Equal(1.0, result.AcceptedFraction);
    }

    [Fact]
    public void Run_RejectsZeroImprovement_AndReturnsFractionZeroWhenNothingPasses()
    {
        var result = BacktrackingLineSearch.Run(4, 0.5, 1.0, f => (0.0, 0.0));
        Assert.False(result.Accepted);
        Assert.Equal(0.0, result.AcceptedFraction);
        Assert.Equal(4, result.Attempts.Count);
        Assert.Null(result.AcceptedAttempt);
    }

    [Fact]
    public void Run_RejectsNaNKl()
    {
        var result = BacktrackingLineSearch.Run(2, 0.5, 1.0, f => (double.NaN, 1.0));
        Assert.False(result.Accepted);
    }
}
