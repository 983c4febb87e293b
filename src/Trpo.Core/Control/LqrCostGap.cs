namespace Trpo.Core.Control;

/// <summary>
/// A controller's cost on an LQR task against the optimum, measured on one fixed set of start states.
/// </summary>
/// <param name="StartStates">Number of start states the costs average over.</param>
/// <param name="PolicyCost">Mean episode cost J of the controller over those start states.</param>
/// <param name="OptimalCost">Mean of x₀ᵀ P₀ x₀ over the same start states: the least cost any policy reaches from them.</param>
/// <param name="StationaryCost">Mean of x₀ᵀ S₀ x₀ over the same start states: the cost of the best stationary linear policy u = −K∞ x.</param>
/// <param name="ExpectedOptimalCost">tr(P₀ Σ₀): the optimum's expectation over the start distribution (no sampling).</param>
public sealed record LqrCostGap(int StartStates, double PolicyCost, double OptimalCost, double StationaryCost, double ExpectedOptimalCost)
{
    /// <summary>
    /// J / J* − 1 on the shared start states: 0 for the optimal controller, never negative up to rounding
    /// (the optimum is optimal from every start state, so the paired ratio has no sampling sign error).
    /// </summary>
    public double Gap => PolicyCost / OptimalCost - 1.0;

    /// <summary>The gap of the best stationary linear policy, S₀ over P₀ on the same start states, minus 1.</summary>
    public double StationaryGap => StationaryCost / OptimalCost - 1.0;
}
