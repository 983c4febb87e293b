using Trpo.Core.Environments;
using Trpo.Core.Numerics;
using Trpo.Core.Policies;

namespace Trpo.Core.Control;

/// <summary>
/// Actions for a batch of observations (rows × n in, rows × m out), without randomness: the mean action of a
/// trained Gaussian policy, or a linear feedback for reference.
/// </summary>
public delegate void BatchController(ReadOnlySpan<double> observations, int rows, Span<double> actions);

/// <summary>
/// Measures a controller's episode cost on an LQR task against the Riccati optimum (<see cref="LqrOptimum"/>).
/// </summary>
/// <remarks>
/// Estimator: N start states x₀⁽ⁱ⁾ are drawn once from a fixed stream (seed 0, <see cref="RngPurpose.Evaluation"/>,
/// elements uniform on [−h, h) in the order <see cref="Lqr.Reset"/> draws them), the same for every run and seed.
/// From each, one episode of T steps is played through <see cref="Lqr"/> itself with the controller's
/// deterministic action (for a policy: the Gaussian's mean), and its cost J⁽ⁱ⁾ = −(return) is recorded. The
/// reported gap is Σ J⁽ⁱ⁾ / Σ x₀⁽ⁱ⁾ᵀ P₀ x₀⁽ⁱ⁾ − 1: numerator and denominator share the start states, so the
/// sampling noise of the start draw largely cancels and the gap is exactly 0 for the optimal time-varying
/// controller and ≥ 0 for every other one (up to rounding). With N = 100 the ratio of Σ x₀ᵀP₀x₀ / N to
/// tr(P₀ Σ₀) is reported beside it, for the size of the start-state sample's own deviation.
/// </remarks>
public static class LqrPolicyEvaluation
{
    /// <summary>Start states used by <c>trpo train</c>'s cost-gap report.</summary>
    public const int DefaultStartStates = 100;

    /// <summary>The fixed evaluation start states, <paramref name="count"/> rows of n, from seed 0's evaluation stream.</summary>
    public static double[] StartStates(LqrSystem system, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var rng = Rng.ForStream(0, RngPurpose.Evaluation);
        int n = system.StateSize;
        var starts = new double[count * n];
        for (int row = 0; row < count; row++)
            for (int i = 0; i < n; i++)
                starts[row * n + i] = rng.NextUniform(-system.StartHigh[i], system.StartHigh[i]);
        return starts;
    }

    /// <summary>The cost gap of <paramref name="controller"/> over <paramref name="count"/> fixed start states.</summary>
    public static LqrCostGap Evaluate(LqrOptimum optimum, BatchController controller, int count = DefaultStartStates)
    {
        var system = optimum.System;
        int n = system.StateSize, m = system.ActionSize;
        var starts = StartStates(system, count);
        var environments = new Lqr[count];
        var observations = new double[count * n];
        var actions = new double[count * m];
        var episodeCosts = new double[count];
        for (int row = 0; row < count; row++)
        {
            environments[row] = new Lqr(system);
            ReadOnlySpan<double> start = starts.AsSpan(row * n, n);
            environments[row].SetState(start, 0);
            // the observation of x₀, as Reset would write it
            for (int i = 0; i < n; i++) observations[row * n + i] = (float)start[i];
        }
        for (int t = 0; t < system.Horizon; t++)
        {
            controller(observations, count, actions);
            for (int row = 0; row < count; row++)
            {
                var step = environments[row].Step(actions.AsSpan(row * m, m), observations.AsSpan(row * n, n));
                episodeCosts[row] -= step.Reward;
            }
        }
        double optimal = 0.0, stationary = 0.0;
        for (int row = 0; row < count; row++)
        {
            optimal += optimum.OptimalCost(starts.AsSpan(row * n, n));
            stationary += optimum.StationaryCost(starts.AsSpan(row * n, n));
        }
        return new LqrCostGap(count, VectorOps.Mean(episodeCosts), optimal / count, stationary / count, optimum.ExpectedOptimalCost);
    }

    /// <summary>The cost gap of <paramref name="policy"/>'s mean action under parameters <paramref name="theta"/>.</summary>
    public static LqrCostGap Evaluate(LqrOptimum optimum, StochasticPolicy policy, double[] theta, int count = DefaultStartStates)
    {
        if (policy.Kind != ActionKind.Continuous || policy.ActionSize != optimum.System.ActionSize)
            throw new ArgumentException($"the policy must be Gaussian with {optimum.System.ActionSize} action elements", nameof(policy));
        var workspace = policy.Network.CreateWorkspace(count);
        return Evaluate(optimum, (observations, rows, actions) =>
            policy.Evaluate(theta, observations, rows, workspace)[..(rows * policy.ActionSize)].CopyTo(actions), count);
    }

    /// <summary>The linear feedback u = −K x as a controller.</summary>
    public static BatchController LinearFeedback(double[,] gain) => (observations, rows, actions) =>
    {
        int m = gain.GetLength(0), n = gain.GetLength(1);
        for (int row = 0; row < rows; row++)
        {
            DenseMatrix.MultiplyVector(gain, observations.Slice(row * n, n), actions.Slice(row * m, m));
            for (int j = 0; j < m; j++) actions[row * m + j] = -actions[row * m + j];
        }
    };
}
