using Trpo.Core.Numerics;

namespace Trpo.Core.Optimization;

/// <summary>A matrix-vector product v ↦ A v, written into the result span.</summary>
public delegate void LinearOperator(ReadOnlySpan<double> v, Span<double> result);

/// <summary>
/// The conjugate-gradient method for A x = b with A symmetric positive definite (Hestenes and Stiefel 1952;
/// Nocedal and Wright, Numerical Optimization, 2nd ed., Algorithm 5.2), started from x_0 = 0.
/// </summary>
public static class ConjugateGradient
{
    /// <summary>
    /// Runs at most <paramref name="maxIterations"/> iterations and stops early once r·r &lt; <paramref name="residualTolerance"/>.
    /// The solution is written to <paramref name="x"/>.
    /// </summary>
    public static ConjugateGradientResult Solve(LinearOperator a, ReadOnlySpan<double> b, Span<double> x, int maxIterations, double residualTolerance)
    {
        int n = b.Length;
        var r = new double[n];
        var p = new double[n];
        var ap = new double[n];
        var residuals = new List<double>(maxIterations + 1);
        // x_0 = 0, r_0 = b − A x_0 = b, p_0 = r_0
        x.Clear();
        b.CopyTo(r);
        b.CopyTo(p);
        double rr = VectorOps.Dot(r, r);
        residuals.Add(rr);
        if (rr < residualTolerance) return new(0, residuals.ToArray(), ConjugateGradientStop.Converged);
        for (int k = 0; k < maxIterations; k++)
        {
            a(p, ap);
            double pAp = VectorOps.Dot(p, ap);
            if (!(pAp > 0) || !double.IsFinite(pAp))
                return new(k, residuals.ToArray(), ConjugateGradientStop.NonPositiveCurvature);
            // alpha_k = r_k·r_k / p_kᵀ A p_k
            double alpha = rr / pAp;
            // x_{k+1} = x_k + alpha_k p_k ; r_{k+1} = r_k − alpha_k A p_k
            VectorOps.AddScaled(x, alpha, p);
            VectorOps.AddScaled(r, -alpha, ap);
            double rrNext = VectorOps.Dot(r, r);
            residuals.Add(rrNext);
            if (rrNext < residualTolerance) return new(k + 1, residuals.ToArray(), ConjugateGradientStop.Converged);
            // beta_k = r_{k+1}·r_{k+1} / r_k·r_k ; p_{k+1} = r_{k+1} + beta_k p_k
            double beta = rrNext / rr;
            VectorOps.Combine(r, beta, p, p);
            rr = rrNext;
        }
        return new(maxIterations, residuals.ToArray(), ConjugateGradientStop.IterationLimit);
    }
}
