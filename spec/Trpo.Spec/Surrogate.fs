namespace Trpo.Spec

/// TRPO's surrogate objective and its gradient. Pairs with the surrogate parts of Trpo.Core.Training.PolicyStep
/// and with StochasticPolicy.WeightedLogProbGradient (the policy gradient).
[<RequireQualifiedAccess>]
module Surrogate =

    /// The importance-sampled surrogate, Schulman et al. 2015, eq. 14 (expectations replaced by batch means):
    /// L^IS(θ) = (1/N) Σ_n π_θ(a_n|s_n) / π_θold(a_n|s_n) · Â_n, the ratio as exp(log π_θ − log π_old).
    let valueVar (policy: Policy) (oldLogProbs: float[]) (observations: float[][]) (actions: float[][]) (advantages: float[]) (theta: Var[]) =
        Array.init observations.Length (fun n ->
            let logP = StochasticPolicy.logProbVar policy (StochasticPolicy.distributionVar policy theta observations.[n]) actions.[n]
            exp (logP - oldLogProbs.[n]) * advantages.[n])
        |> Array.fold (+) Var.Zero
        |> fun total -> total / float observations.Length

    /// L^IS(θ) for float parameters.
    let value policy oldLogProbs observations actions advantages (theta: float[]) =
        (valueVar policy oldLogProbs observations actions advantages (Ad.constants theta)).Value

    /// g = ∇_θ L^IS(θ) at θ = θ_old, by reverse-mode differentiation of the surrogate itself.
    let gradient policy (thetaOld: float[]) observations actions advantages =
        let oldLogProbs = StochasticPolicy.logProbs policy thetaOld observations actions
        Ad.gradient (valueVar policy oldLogProbs observations actions advantages) thetaOld

    /// The policy gradient (Williams 1992; Schulman et al. 2015, eq. 14 differentiated at θ_old, where the
    /// ratio is 1 and ∇ ratio = ∇ log π): (1/N) Σ_n Â_n ∇_θ log π_θ(a_n|s_n). Equal to gradient at θ_old.
    let policyGradient (policy: Policy) (theta: float[]) (observations: float[][]) (actions: float[][]) (advantages: float[]) =
        let weightedLogLikelihood (t: Var[]) =
            Array.init observations.Length (fun n ->
                StochasticPolicy.logProbVar policy (StochasticPolicy.distributionVar policy t observations.[n]) actions.[n]
                * advantages.[n])
            |> Array.fold (+) Var.Zero
            |> fun total -> total / float observations.Length
        Ad.gradient weightedLogLikelihood theta
