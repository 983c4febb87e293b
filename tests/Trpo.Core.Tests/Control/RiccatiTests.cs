using Trpo.Core.Control;

namespace Trpo.Core.Tests.Control;

/// <summary>
/// The Riccati solvers against closed forms (scalar systems) and against values computed independently with
/// SciPy 1.10's <c>scipy.linalg.solve_discrete_are</c> (a Schur-decomposition method, not an iteration) and a
/// plain NumPy backward recursion in the textbook (non-Joseph) form; script: P = solve_discrete_are(A, B, Q, R),
/// K = solve(R + BᵀPB, BᵀPA), P0 from T steps of P = Q + AᵀPA − AᵀPB K from P = 0.
/// </summary>
public sealed class RiccatiTests
{
    /// <summary>Relative tolerance: both sides are accurate to a few ulps of the largest entry.</summary>
    private const double Tolerance = 1e-12;

    private static void AssertClose(double[,] expected, double[,] actual, double tolerance = Tolerance)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        double scale = Math.Max(1.0, DenseMatrix.MaxAbs(expected));
        for (int i = 0; i < expected.GetLength(0); i++)
        for (int j = 0; j < expected.GetLength(1); j++)
            Assert.True(Math.Abs(expected[i, j] - actual[i, j]) <= tolerance * scale,
                $"[{i},{j}]: expected {expected[i, j]:R}, got {actual[i, j]:R}");
    }

    private static double[,] M(double v) => new[,] { { v } };

    [Theory]
    [InlineData(1.2, 0.5, 1.0, 0.2)]
    [InlineData(0.5, 1.0, 2.0, 3.0)]
    [InlineData(1.0, 0.1, 1.0, 0.1)]
    [InlineData(-2.0, 1.5, 0.3, 0.01)]
    public void SolveDiscrete_OfAScalarSystem_IsThePositiveRootOfTheQuadratic(double a, double b, double q, double r)
    {
        // p = q + a² p − a² b² p² / (r + b² p)  <=>  b² p² + (r − a² r − q b²) p − q r = 0
        double linear = r - a * a * r - q * b * b;
        double p = (-linear + Math.Sqrt(linear * linear + 4 * b * b * q * r)) / (2 * b * b);
        double k = a * b * p / (r + b * b * p);

        var solution = Riccati.SolveDiscrete(M(a), M(b), M(q), M(r));

        Assert.True(solution.Converged);
        Assert.Equal(p, solution.CostToGo[0, 0], p * Tolerance);
        Assert.Equal(k, solution.Gain[0, 0], Math.Abs(k) * Tolerance);
    }

    [Fact]
    public void SolveFiniteHorizon_OfAScalarSystem_FollowsTheRecursionWrittenOut()
    {
        double a = 1.2, b = 0.5, q = 1.0, r = 0.2;
        var solution = Riccati.SolveFiniteHorizon(M(a), M(b), M(q), M(r), horizon: 3);

        // P_3 = 0, K_2 = 0, P_2 = q; K_1 = a b q / (r + b² q), P_1 = q + a² q r / (r + b² q)
        Assert.Equal(3, solution.Horizon);
        Assert.Equal(0.0, solution.CostToGo[3][0, 0]);
        Assert.Equal(0.0, solution.Gains[2][0, 0]);
        Assert.Equal(q, solution.CostToGo[2][0, 0]);
        Assert.Equal(a * b * q / (r + b * b * q), solution.Gains[1][0, 0], 1e-15);
        double p1 = q + a * a * q * r / (r + b * b * q);
        Assert.Equal(p1, solution.CostToGo[1][0, 0], 1e-14);
        Assert.Equal(q + a * a * p1 * r / (r + b * b * p1), solution.CostToGo[0][0, 0], 1e-14);
    }

    [Fact]
    public void SolveDiscrete_OfTheDefaultDoubleIntegrator_MatchesScipy()
    {
        var system = LqrSystem.Default;
        var solution = Riccati.SolveDiscrete(system.A, system.B, system.Q, system.R);

        Assert.True(solution.Converged);
        AssertClose(new[,] { { 13.317224441131076, 3.2015621187164243 }, { 3.2015621187164243, 4.603514023781162 } }, solution.CostToGo);
        AssertClose(new[,] { { 2.5857008966598687, 3.4434359178453406 } }, solution.Gain);
    }

    [Fact]
    public void SolveFiniteHorizon_OfTheDefaultDoubleIntegrator_MatchesNumpy_AndItsExpectedCostToo()
    {
        var system = LqrSystem.Default;
        var solution = Riccati.SolveFiniteHorizon(system.A, system.B, system.Q, system.R, system.Horizon);

        AssertClose(new[,] { { 13.31722441242574, 3.2015621089580044 }, { 3.201562108958005, 4.603514020463777 } }, solution.CostToGo[0]);
        var optimum = new LqrOptimum(system);
        Assert.Equal(5.973579477629839, optimum.ExpectedOptimalCost, 5.973579477629839 * Tolerance);
        // the horizon is long next to the closed loop's settling time, so K∞ is all but optimal
        Assert.InRange(optimum.ExpectedStationaryCost / optimum.ExpectedOptimalCost - 1.0, 0.0, 1e-8);
    }

    [Fact]
    public void Solvers_OfACoupledTwoInputSystem_MatchScipyAndNumpy()
    {
        var a = new[,] { { 1.1, 0.3 }, { -0.2, 0.95 } };
        var b = new[,] { { 1.0, 0.2 }, { 0.0, 0.5 } };
        var q = new[,] { { 2.0, 0.5 }, { 0.5, 1.0 } };
        var r = new[,] { { 0.5, 0.1 }, { 0.1, 0.3 } };

        var stationary = Riccati.SolveDiscrete(a, b, q, r);
        var finite = Riccati.SolveFiniteHorizon(a, b, q, r, 30);

        Assert.True(stationary.Converged);
        AssertClose(new[,] { { 2.509714747982073, 0.5511255209781909 }, { 0.5511255209781909, 1.6450389796641884 } }, stationary.CostToGo);
        AssertClose(new[,] { { 0.9261859709369146, 0.0970349733324876 }, { -0.15623198338495775, 1.1218571773386388 } }, stationary.Gain);
        AssertClose(new[,] { { 2.509714747982073, 0.5511255209781907 }, { 0.5511255209781909, 1.645038979664188 } }, finite.CostToGo[0]);
        var system = new LqrSystem(a, b, q, r, 30, [0.5, 2.0]);
        Assert.Equal(2.4025282018840897, new LqrOptimum(system).ExpectedOptimalCost, 2.4025282018840897 * Tolerance);
    }

    [Fact]
    public void SolveDiscrete_OfAnUncontrollableUnstableMode_DoesNotConverge()
    {
        // x' = 1.5 x with no input: the cost grows without bound with the horizon
        var solution = Riccati.SolveDiscrete(M(1.5), M(0.0), M(1.0), M(1.0));

        Assert.False(solution.Converged);
    }

    [Fact]
    public void FixedGainCostToGo_OfTheOptimalStationaryGain_ApproachesPInfinity_AsTheHorizonGrows()
    {
        var system = LqrSystem.Default;
        var stationary = Riccati.SolveDiscrete(system.A, system.B, system.Q, system.R);

        var cost = Riccati.FixedGainCostToGo(system.A, system.B, system.Q, system.R, stationary.Gain, 2000);

        AssertClose(stationary.CostToGo, cost, 1e-11);
    }

    [Fact]
    public void FixedGainCostToGo_OfZeroGain_IsTheSumOfPropagatedStateCosts()
    {
        // S_0 = Σ_{t<T} (Aᵀ)^t Q A^t; for the scalar a = 0.5, q = 1, T = 3: 1 + 0.25 + 0.0625
        var cost = Riccati.FixedGainCostToGo(M(0.5), M(1.0), M(1.0), M(1.0), M(0.0), 3);

        Assert.Equal(1.3125, cost[0, 0]);
    }
}
