namespace Trpo.Core.Optimization;

/// <summary>Why conjugate gradient stopped.</summary>
public enum ConjugateGradientStop
{
    /// <summary>All iterations ran.</summary>
    IterationLimit,
    /// <summary>r·r fell below the tolerance.</summary>
    Converged,
    /// <summary>pᵀA p was not positive and finite: the operator is not positive definite along p.</summary>
    NonPositiveCurvature,
}

/// <summary>The outcome of <see cref="ConjugateGradient.Solve(LinearOperator, ReadOnlySpan{double}, Span{double}, int, double)"/>: x ≈ A⁻¹ b and every residual norm.</summary>
/// <param name="Iterations">Iterations completed (updates applied to x).</param>
/// <param name="ResidualNorms">r·r after each completed iteration (the first entry is r_0·r_0 = b·b).</param>
/// <param name="Stop">Why it stopped.</param>
public sealed record ConjugateGradientResult(int Iterations, double[] ResidualNorms, ConjugateGradientStop Stop)
{
    /// <summary>r·r at the end.</summary>
    public double FinalResidual => ResidualNorms[^1];
}
