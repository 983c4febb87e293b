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
        => Solve(a, b, x, maxIterations, residualTolerance, new double[3 * b.Length]);

    /// <summary>
    /// As <see cref="Solve(LinearOperator, ReadOnlySpan{double}, Span{double}, int, double)"/> with caller-owned working
    /// vectors (<paramref name="scratch"/>: at least 3 n doubles for r, p and A p), so that a solve allocates only its
    /// result and no iteration allocates anything.
    /// </summary>
    public static ConjugateGradientResult Solve(LinearOperator a, ReadOnlySpan<double> b, Span<double> x, int maxIterations, double residualTolerance, Span<double> scratch)
    {
        int n = b.Length;
        if (scratch.Length < 3 * n) throw new ArgumentException($"scratch has length {scratch.Length}, need {3 * n}");
        Span<double> r = scratch[..n], p = scratch.Slice(n, n), ap = scratch.Slice(2 * n, n);
        var residuals = new double[maxIterations + 1];
        int recorded = 0;
        // x_0 = 0, r_0 = b − A x_0 = b, p_0 = r_0
        x.Clear();
        b.CopyTo(r);
        b.CopyTo(p);
        double rr = VectorOps.Dot(r, r);
        residuals[recorded++] = rr;
        if (rr < residualTolerance) return new(0, residuals[..recorded], ConjugateGradientStop.Converged);
        for (int k = 0; k < maxIterations; k++)
        {
            a(p, ap);
            double pAp = VectorOps.Dot(p, ap);
            if (!(pAp > 0) || !double.IsFinite(pAp))
                return new(k, residuals[..recorded], ConjugateGradientStop.NonPositiveCurvature);
            // alpha_k = r_k·r_k / p_kᵀ A p_k
            double alpha = rr / pAp;
            // x_{k+1} = x_k + alpha_k p_k ; r_{k+1} = r_k − alpha_k A p_k
            VectorOps.AddScaled(x, alpha, p);
            VectorOps.AddScaled(r, -alpha, ap);
            double rrNext = VectorOps.Dot(r, r);
            residuals[recorded++] = rrNext;
            if (rrNext < residualTolerance) return new(k + 1, residuals[..recorded], ConjugateGradientStop.Converged);
            // beta_k = r_{k+1}·r_{k+1} / r_k·r_k ; p_{k+1} = r_{k+1} + beta_k p_k
            double beta = rrNext / rr;
            VectorOps.Combine(r, beta, p, p);
            rr = rrNext;
        }
        return new(maxIterations, residuals, ConjugateGradientStop.IterationLimit);
    }
}
