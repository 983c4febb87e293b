namespace Trpo.Core.Control;

/// <summary>The finite-horizon LQR solution: cost-to-go matrices P_0 .. P_T (P_T = 0) and gains K_0 .. K_{T−1}.</summary>
/// <param name="CostToGo">P_t, t = 0 .. T: the optimal cost of steps t .. T−1 from x_t is x_tᵀ P_t x_t.</param>
/// <param name="Gains">K_t, t = 0 .. T−1: the optimal action at step t is u_t = −K_t x_t.</param>
public sealed record FiniteHorizonLqr(double[][,] CostToGo, double[][,] Gains)
{
    /// <summary>The horizon T.</summary>
    public int Horizon => Gains.Length;
}
