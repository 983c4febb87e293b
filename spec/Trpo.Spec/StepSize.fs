namespace Trpo.Spec

/// The length of TRPO's full step. Pairs with the β line of Trpo.Core.Training.PolicyStep.
[<RequireQualifiedAccess>]
module StepSize =

    /// β = sqrt(2δ / xᵀA x): the step β x along the search direction x at which the quadratic model of the
    /// KL, ½ (βx)ᵀA (βx), equals δ (Schulman et al. 2015, appendix C).
    let beta (delta: float) (xAx: float) = sqrt (2.0 * delta / xAx)
