namespace Trpo.Core.Control;

/// <summary>
/// The reference solutions of an <see cref="LqrSystem"/> that a trained policy is compared against.
/// </summary>
/// <remarks>
/// The episode of LQR-v0 is a finite-horizon problem (T steps, no terminal cost), so its exact optimum is the
/// time-varying policy u_t = −K_t x_t of the backward recursion from P_T = 0, with cost x₀ᵀ P₀ x₀ from x₀ and
/// expected cost tr(P₀ Σ₀). A stationary policy (what TRPO learns: the observation holds no time) cannot beat
/// it; the best stationary linear policy, u = −K∞ x from the infinite-horizon Riccati equation, costs
/// x₀ᵀ S₀ x₀ (<see cref="Riccati.FixedGainCostToGo"/>), slightly more when the horizon is short compared with the
/// closed loop's settling time (for the default system the difference is below 1e-9 relative).
/// </remarks>
public sealed class LqrOptimum
{
    /// <summary>Solves both Riccati problems for <paramref name="system"/> (which must be valid).</summary>
    public LqrOptimum(LqrSystem system)
    {
        System = system;
        FiniteHorizon = Riccati.SolveFiniteHorizon(system.A, system.B, system.Q, system.R, system.Horizon);
        Stationary = Riccati.SolveDiscrete(system.A, system.B, system.Q, system.R);
        StationaryCostToGo = Riccati.FixedGainCostToGo(system.A, system.B, system.Q, system.R, Stationary.Gain, system.Horizon);
        var moment = system.StartSecondMoment();
        ExpectedOptimalCost = DenseMatrix.TraceOfProduct(FiniteHorizon.CostToGo[0], moment);
        ExpectedStationaryCost = DenseMatrix.TraceOfProduct(StationaryCostToGo, moment);
    }

    /// <summary>The problem.</summary>
    public LqrSystem System { get; }

    /// <summary>P_t and K_t of the episode's own (finite-horizon) problem.</summary>
    public FiniteHorizonLqr FiniteHorizon { get; }

    /// <summary>P∞ and K∞ of the infinite-horizon problem.</summary>
    public DareSolution Stationary { get; }

    /// <summary>S₀: the T-step cost-to-go of the stationary policy u = −K∞ x.</summary>
    public double[,] StationaryCostToGo { get; }

    /// <summary>E[J*] = tr(P₀ Σ₀): the least expected episode cost over all policies.</summary>
    public double ExpectedOptimalCost { get; }

    /// <summary>tr(S₀ Σ₀): the expected episode cost of u = −K∞ x.</summary>
    public double ExpectedStationaryCost { get; }

    /// <summary>x₀ᵀ P₀ x₀: the least cost of an episode that starts in <paramref name="start"/>.</summary>
    public double OptimalCost(ReadOnlySpan<double> start) => DenseMatrix.QuadraticForm(FiniteHorizon.CostToGo[0], start);

    /// <summary>x₀ᵀ S₀ x₀: the cost of u = −K∞ x over an episode that starts in <paramref name="start"/>.</summary>
    public double StationaryCost(ReadOnlySpan<double> start) => DenseMatrix.QuadraticForm(StationaryCostToGo, start);
}
