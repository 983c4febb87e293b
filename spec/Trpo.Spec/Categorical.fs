namespace Trpo.Spec

/// The categorical distribution over K actions with logits z: p_i = exp(z_i) / Σ_j exp(z_j).
/// Pairs with Trpo.Core.Policies.Categorical.
[<RequireQualifiedAccess>]
module Categorical =

    /// log p_i = z_i − log Σ_j exp(z_j), computed as z_i − m − log Σ_j exp(z_j − m) with m = max_j z_j so exp
    /// cannot overflow (m is a constant shift: it changes neither the value nor the derivative).
    let logSoftmax (z: Var[]) =
        let m = z |> Array.map (fun zi -> zi.Value) |> Array.max
        let logNormalizer = m + log (z |> Array.sumBy (fun zi -> exp (zi - m)))
        z |> Array.map (fun zi -> zi - logNormalizer)

    /// p_i = exp(log p_i) for float logits.
    let probabilities (z: float[]) = logSoftmax (Ad.constants z) |> Array.map (fun lp -> exp lp.Value)

    /// log π(a) = log p_a.
    let logProbVar (z: Var[]) (a: int) = (logSoftmax z).[a]

    /// log π(a) for float logits.
    let logProb (z: float[]) (a: int) = (logProbVar (Ad.constants z) a).Value

    /// H(p) = −Σ_i p_i log p_i.
    let entropy (z: float[]) =
        let logP = logSoftmax (Ad.constants z) |> Ad.values
        -(logP |> Array.sumBy (fun lp -> exp lp * lp))

    /// KL(p_old ‖ p) = Σ_i p_old,i (log p_old,i − log p_i), differentiable in the new logits z.
    let klVar (zOld: float[]) (z: Var[]) =
        let logPOld = logSoftmax (Ad.constants zOld) |> Ad.values
        let logP = logSoftmax z
        Array.fold2 (fun (s: Var) lpo (lp: Var) -> s + exp lpo * (lpo - lp)) Var.Zero logPOld logP

    /// KL(p_old ‖ p) for float logits.
    let kl (zOld: float[]) (z: float[]) = (klVar zOld (Ad.constants z)).Value

    /// ∇_z log p_a, by reverse-mode differentiation.
    let score (z: float[]) (a: int) = Ad.gradient (fun zd -> logProbVar zd a) z

    /// The Fisher information of the logits, M = E_{a∼p}[∇_z log p_a ∇_z log p_aᵀ] = Σ_a p_a s_a s_aᵀ,
    /// the expectation taken exactly as a finite sum. It equals the Hessian of KL(p_old ‖ p(z)) in z at
    /// z = z_old (Amari 1998; Schulman et al. 2015, appendix C), which the tests check, and in closed form
    /// diag(p) − p pᵀ, which the engine uses.
    let fisher (z: float[]) =
        let p = probabilities z
        let scores = Array.init z.Length (score z)
        Array.init z.Length (fun i ->
            Array.init z.Length (fun j -> Array.fold2 (fun acc pa (sa: float[]) -> acc + pa * sa.[i] * sa.[j]) 0.0 p scores))
