using Trpo.Core.Control;

namespace Trpo.Core.Tests.Control;

public sealed class LqrSystemTests
{
    private static LqrSystem Default => LqrSystem.Default;

    [Fact]
    public void Default_IsTheDoubleIntegratorWithDt0Point1_AndIsValid()
    {
        var system = Default;

        Assert.Equal(new[,] { { 1.0, 0.1 }, { 0.0, 1.0 } }, system.A);
        Assert.Equal(new[,] { { 0.005 }, { 0.1 } }, system.B);
        Assert.Equal(new[,] { { 1.0, 0.0 }, { 0.0, 1.0 } }, system.Q);
        Assert.Equal(new[,] { { 0.1 } }, system.R);
        Assert.Equal(100, system.Horizon);
        Assert.Equal([1.0, 1.0], system.StartHigh);
        Assert.Empty(system.Validate());
    }

    [Fact]
    public void StartSecondMoment_IsTheVarianceOfTheUniformBox()
    {
        var system = Default with { StartHigh = [1.0, 3.0] };

        Assert.Equal(new[,] { { 1.0 / 3.0, 0.0 }, { 0.0, 3.0 } }, system.StartSecondMoment());
    }

    public static TheoryData<string, LqrSystem> InvalidSystems => new()
    {
        { "lqr_a must be a square matrix (got 2×3)", Default with { A = new double[2, 3] } },
        { "lqr_b must have 2 rows, one per state, and at least one column (got 3×1)", Default with { B = new double[3, 1] } },
        { "lqr_q must be 2×2 like lqr_a (got 1×1)", Default with { Q = new double[1, 1] } },
        { "lqr_r must be 1×1, one row per column of lqr_b (got 2×2)", Default with { R = new double[2, 2] } },
        { "lqr_start_high must have 2 elements, one per state (got 1)", Default with { StartHigh = [1.0] } },
        { "lqr_horizon must be between 1 and 100000 (got 0)", Default with { Horizon = 0 } },
        { "lqr_a must hold finite numbers only", Default with { A = new[,] { { 1.0, double.NaN }, { 0.0, 1.0 } } } },
        { "lqr_start_high must be finite and non-negative (got [1, -1])", Default with { StartHigh = [1.0, -1.0] } },
        { "lqr_q must be symmetric", Default with { Q = new[,] { { 1.0, 0.5 }, { 0.0, 1.0 } } } },
        { "lqr_q must be positive semidefinite", Default with { Q = new[,] { { 1.0, 0.0 }, { 0.0, -0.1 } } } },
        { "lqr_r must be positive definite", Default with { R = new[,] { { 0.0 } } } },
    };

    [Theory]
    [MemberData(nameof(InvalidSystems))]
    public void Validate_NamesTheKeyAndTheProblem(string expected, LqrSystem system)
    {
        Assert.Contains(expected, system.Validate());
    }

    [Fact]
    public void Validate_RejectsASystemWhoseUnstableModeNoInputReaches()
    {
        // the second state doubles every step and the input only drives the first
        var system = Default with { A = new[,] { { 1.0, 0.0 }, { 0.0, 2.0 } }, B = new[,] { { 1.0 }, { 0.0 } } };

        var error = Assert.Single(system.Validate());
        Assert.StartsWith("(lqr_a, lqr_b) is not stabilisable", error);
    }

    [Fact]
    public void Validate_RejectsAnUnstableModeTheCostDoesNotSee()
    {
        // no input reaches the unstable mode and Q gives it no cost: the Riccati iteration converges, the closed loop does not
        var system = Default with { A = new[,] { { 0.5, 0.0 }, { 0.0, 2.0 } }, B = new[,] { { 1.0 }, { 0.0 } }, Q = new[,] { { 1.0, 0.0 }, { 0.0, 0.0 } } };

        var error = Assert.Single(system.Validate());
        Assert.StartsWith("the optimal closed loop A − B K is not stable", error);
    }

    [Fact]
    public void Validate_AcceptsAnUnstableButControllableSystem()
    {
        var system = Default with { A = new[,] { { 1.2, 0.1 }, { 0.0, 1.1 } } };

        Assert.Empty(system.Validate());
    }

    [Theory]
    [InlineData(0.9, true)]
    [InlineData(-0.99, true)]
    [InlineData(1.0, false)]
    [InlineData(1.01, false)]
    public void IsSchurStable_OfAScalar_IsWhetherItsMagnitudeIsBelowOne(double a, bool stable)
    {
        Assert.Equal(stable, LqrSystem.IsSchurStable(new[,] { { a } }));
    }

    [Fact]
    public void IsSchurStable_SeesThroughATransientGrowth()
    {
        // eigenvalues 0.9 and 0.9, but ‖M‖∞ = 10.9 and ‖M²‖∞ > 1: only a higher power shows stability
        Assert.True(LqrSystem.IsSchurStable(new[,] { { 0.9, 10.0 }, { 0.0, 0.9 } }));
        Assert.False(LqrSystem.IsSchurStable(new[,] { { 0.9, 10.0 }, { 0.0, 1.0 } }));
    }

    [Fact]
    public void Equality_ComparesMatrixContents()
    {
        var copy = Default with { A = (double[,])Default.A.Clone(), StartHigh = [1.0, 1.0] };

        Assert.Equal(Default, copy);
        Assert.NotEqual(Default, Default with { R = new[,] { { 0.2 } } });
    }
}
