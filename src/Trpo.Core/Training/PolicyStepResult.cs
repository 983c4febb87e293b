using Trpo.Core.Optimization;

namespace Trpo.Core.Training;

/// <summary>Every intermediate of one TRPO policy step (design.md, steps 3–7).</summary>
public sealed record PolicyStepResult
{
    /// <summary>log π_old(a_n|s_n).</summary>
    public required double[] OldLogProbs { get; init; }
    /// <summary>Mean entropy of π_old over the batch.</summary>
    public required double Entropy { get; init; }
    /// <summary>L(θ_old) = mean(Â).</summary>
    public required double SurrogateBefore { get; init; }
    /// <summary>g = ∇_θ L(θ_old).</summary>
    public required double[] Gradient { get; init; }
    /// <summary>The CG run for F x = g (null when skipped before CG).</summary>
    public ConjugateGradientResult? ConjugateGradient { get; init; }
    /// <summary>Search direction x ≈ F⁻¹ g (null when skipped before CG).</summary>
    public double[]? SearchDirection { get; init; }
    /// <summary>xᵀ F x (damped), NaN when not computed.</summary>
    public double Curvature { get; init; } = double.NaN;
    /// <summary>β = sqrt(2δ / xᵀF x), NaN when not computed.</summary>
    public double StepSize { get; init; } = double.NaN;
    /// <summary>The line search (null when skipped).</summary>
    public LineSearchResult? LineSearch { get; init; }
    /// <summary>backtrack_coeff^j of the accepted attempt, 0 when none or skipped.</summary>
    public double AcceptedStepFraction => LineSearch?.AcceptedFraction ?? 0.0;
    /// <summary>
    /// True when the Fisher-vector products went through the network's output sensitivities (<see cref="Policies.Mlp.FisherBySensitivities"/>),
    /// false when through the forward-mode and reverse passes or when no product was computed. Not part of the trace.
    /// </summary>
    public bool FisherBySensitivities { get; init; }
    /// <summary>Why no step was attempted (non-finite gradient, non-positive curvature, ...), or null.</summary>
    public string? SkipReason { get; init; }
}
