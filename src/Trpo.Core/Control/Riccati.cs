namespace Trpo.Core.Control;

/// <summary>
/// The discrete-time Riccati equation of the linear-quadratic regulator x_{t+1} = A x_t + B u_t with stage
/// cost xᵀQx + uᵀRu (Bertsekas, Dynamic Programming and Optimal Control, vol. I, 4th ed., §3.1; Anderson and
/// Moore, Optimal Control: Linear Quadratic Methods, ch. 2). One Riccati step maps the cost-to-go matrix P of
/// the next stage to that of the current one:
/// <code>
/// K  = (R + Bᵀ P B)⁻¹ Bᵀ P A                       (optimal action u = −K x)
/// P' = Q + Kᵀ R K + (A − B K)ᵀ P (A − B K)         (Joseph form: a sum of positive semidefinite terms)
/// </code>
/// The Joseph form equals the textbook Q + Aᵀ P A − Aᵀ P B (R + Bᵀ P B)⁻¹ Bᵀ P A at the optimal K and keeps P'
/// symmetric positive semidefinite under rounding; P' is symmetrised after each step.
/// </summary>
public static class Riccati
{
    /// <summary>Default iteration cap of <see cref="SolveDiscrete"/>.</summary>
    public const int DefaultMaxIterations = 100_000;

    /// <summary>Default relative tolerance of <see cref="SolveDiscrete"/>: max|P_{k+1} − P_k| ≤ tol · max|P_{k+1}|.</summary>
    public const double DefaultTolerance = 1e-14;

    /// <summary>One Riccati step: the gain K for cost-to-go P of the next stage, and the current stage's P'.</summary>
    public static (double[,] Gain, double[,] CostToGo) Step(double[,] a, double[,] b, double[,] q, double[,] r, double[,] p)
    {
        // K = (R + Bᵀ P B)⁻¹ Bᵀ P A
        var pb = DenseMatrix.Multiply(p, b);
        var gram = DenseMatrix.Add(r, DenseMatrix.TransposeMultiply(b, pb));
        var gain = DenseMatrix.SolvePositiveDefinite(DenseMatrix.Symmetrize(gram), DenseMatrix.TransposeMultiply(pb, a));
        // P' = Q + Kᵀ R K + (A − B K)ᵀ P (A − B K)
        var closedLoop = DenseMatrix.Subtract(a, DenseMatrix.Multiply(b, gain));
        var actionCost = DenseMatrix.TransposeMultiply(gain, DenseMatrix.Multiply(r, gain));
        var propagated = DenseMatrix.TransposeMultiply(closedLoop, DenseMatrix.Multiply(p, closedLoop));
        var next = DenseMatrix.Add(DenseMatrix.Add(q, actionCost), propagated);
        return (gain, DenseMatrix.Symmetrize(next));
    }

    /// <summary>
    /// The finite-horizon solution by backward recursion from P_T = 0 (no terminal cost): P_t and K_t for
    /// t = T−1 .. 0. The optimal cost of an episode that starts in x₀ is x₀ᵀ P₀ x₀, reached by the time-varying
    /// policy u_t = −K_t x_t; its expectation over the start distribution is tr(P₀ Σ₀) with Σ₀ = E[x₀ x₀ᵀ].
    /// </summary>
    public static FiniteHorizonLqr SolveFiniteHorizon(double[,] a, double[,] b, double[,] q, double[,] r, int horizon)
    {
        if (horizon < 1) throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "the horizon must be at least one step");
        int n = a.GetLength(0);
        var costToGo = new double[horizon + 1][,];
        var gains = new double[horizon][,];
        costToGo[horizon] = new double[n, n];
        for (int t = horizon - 1; t >= 0; t--)
            (gains[t], costToGo[t]) = Step(a, b, q, r, costToGo[t + 1]);
        return new FiniteHorizonLqr(costToGo, gains);
    }

    /// <summary>
    /// The infinite-horizon (stationary) solution of the discrete algebraic Riccati equation
    /// P = Q + Aᵀ P A − Aᵀ P B (R + Bᵀ P B)⁻¹ Bᵀ P A by value iteration from P = 0 (the finite-horizon recursion
    /// run until P stops changing). The iterates increase monotonically to the minimal solution when the
    /// optimal cost is finite (Bertsekas, Prop. 3.1.1); convergence is linear, at a rate of about ρ(A − B K)²
    /// per step. Not converged: the cap was reached or P left the finite numbers (cost unbounded).
    /// </summary>
    public static DareSolution SolveDiscrete(double[,] a, double[,] b, double[,] q, double[,] r,
        int maxIterations = DefaultMaxIterations, double tolerance = DefaultTolerance)
    {
        int n = a.GetLength(0);
        var p = new double[n, n];
        double[,] gain = new double[b.GetLength(1), n];
        for (int k = 1; k <= maxIterations; k++)
        {
            var (nextGain, next) = Step(a, b, q, r, p);
            if (!DenseMatrix.IsFinite(next) || DenseMatrix.MaxAbs(next) > 1e250)
                return new DareSolution(p, gain, k, Converged: false);
            double change = DenseMatrix.MaxAbsDifference(next, p);
            p = next;
            gain = nextGain;
            if (change <= tolerance * DenseMatrix.MaxAbs(next))
            {
                // K for the converged P (the last gain belongs to the previous iterate)
                (gain, _) = Step(a, b, q, r, p);
                return new DareSolution(p, gain, k, Converged: true);
            }
        }
        return new DareSolution(p, gain, maxIterations, Converged: false);
    }

    /// <summary>
    /// The cost-to-go S₀ of the fixed linear policy u = −K x over <paramref name="horizon"/> steps (no terminal
    /// cost), by the Lyapunov recursion S_T = 0, S_t = Q + Kᵀ R K + (A − B K)ᵀ S_{t+1} (A − B K): the episode
    /// cost from x₀ is x₀ᵀ S₀ x₀.
    /// </summary>
    public static double[,] FixedGainCostToGo(double[,] a, double[,] b, double[,] q, double[,] r, double[,] gain, int horizon)
    {
        int n = a.GetLength(0);
        var closedLoop = DenseMatrix.Subtract(a, DenseMatrix.Multiply(b, gain));
        var stage = DenseMatrix.Add(q, DenseMatrix.TransposeMultiply(gain, DenseMatrix.Multiply(r, gain)));
        var s = new double[n, n];
        for (int t = horizon - 1; t >= 0; t--)
            s = DenseMatrix.Symmetrize(DenseMatrix.Add(stage, DenseMatrix.TransposeMultiply(closedLoop, DenseMatrix.Multiply(s, closedLoop))));
        return s;
    }
}
