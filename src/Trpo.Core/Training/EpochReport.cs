namespace Trpo.Core.Training;

/// <summary>
/// What one epoch did, for logs and progress.csv. Episode statistics cover the episodes that finished during
/// this epoch (NaN when none finished).
/// </summary>
public sealed record EpochReport
{
    /// <summary>1-based epoch number.</summary>
    public required int Epoch { get; init; }
    /// <summary>Environment steps taken so far, over all environments.</summary>
    public required long EnvSteps { get; init; }
    /// <summary>Episodes finished during this epoch.</summary>
    public required int Episodes { get; init; }
    /// <summary>Mean undiscounted return of those episodes.</summary>
    public required double ReturnMean { get; init; }
    /// <summary>Population standard deviation of those returns.</summary>
    public required double ReturnStd { get; init; }
    /// <summary>Smallest return.</summary>
    public required double ReturnMin { get; init; }
    /// <summary>Largest return.</summary>
    public required double ReturnMax { get; init; }
    /// <summary>Mean episode length.</summary>
    public required double LengthMean { get; init; }
    /// <summary>Mean KL(π_old ‖ π_new) of the accepted step (0 when no step was taken).</summary>
    public required double Kl { get; init; }
    /// <summary>Mean entropy of π_old over the batch.</summary>
    public required double Entropy { get; init; }
    /// <summary>L(θ_new) − L(θ_old) of the accepted step (0 when no step was taken).</summary>
    public required double SurrogateImprovement { get; init; }
    /// <summary>Line-search attempts rejected before the accepted one (backtrack_iters when none was accepted).</summary>
    public required int Backtracks { get; init; }
    /// <summary>backtrack_coeff^j of the accepted attempt j, or 0 when no attempt was accepted or the step was skipped.</summary>
    public required double AcceptedStepFraction { get; init; }
    /// <summary>r·r of conjugate gradient's last residual.</summary>
    public required double CgResidual { get; init; }
    /// <summary>xᵀF x of the search direction (with damping).</summary>
    public required double Curvature { get; init; }
    /// <summary>Mean squared error of the value function on this epoch's targets, before fitting.</summary>
    public required double ValueLoss { get; init; }
    /// <summary>1 − Var(targets − V) / Var(targets), before fitting.</summary>
    public required double ExplainedVariance { get; init; }
    /// <summary>
    /// Why a step was skipped or nothing was accepted, or null when the policy step was taken and the value fit ran
    /// in full: the numerical faults of <see cref="NumericalFault"/>, or "line search found no acceptable step".
    /// </summary>
    public string? SkipReason { get; init; }
    /// <summary>
    /// The numerical faults this epoch met, joined by "; ", or null when there were none: non-finite rewards from the
    /// environment, a non-finite policy gradient, search direction or step size, a non-positive curvature xᵀF x, or
    /// value-fit steps skipped for a non-finite gradient. Each was guarded (no parameter became non-finite). A line
    /// search that accepts no attempt is ordinary TRPO behaviour, not a fault.
    /// </summary>
    public string? NumericalFault { get; init; }
}
