namespace Trpo.Spec

/// The Fisher matrix of a policy on a batch, held as its per-row factors.
type Fisher =
    { /// J_n = ∂ψ(θ, s_n)/∂θ, rows of length |θ|.
      Jacobians: float[][][]
      /// M_n, the Fisher information of the distribution at ψ_n.
      Informations: float[][][]
      /// c in F + c I.
      Damping: float }

/// The Fisher matrix of the policy from explicit per-row Jacobians, applied to a vector or formed in full.
/// Pairs with Trpo.Core.Policies.StochasticPolicy.FisherVectorProduct, which forms neither J nor F.
[<RequireQualifiedAccess>]
module FisherVectorProduct =

    /// The factors of F = (1/N) Σ_n J_nᵀ M_n J_n at θ_old: J_n by reverse-mode differentiation of ψ(θ, s_n),
    /// M_n the exact expectation of score outer products (Categorical.fisher, DiagonalGaussian.fisher). F is the
    /// Hessian of the mean KL D̄_KL(θ_old, θ) at θ = θ_old (Schulman et al. 2015, appendix C: the Fisher
    /// information matrix "computed analytically" as the KL's Hessian), which the tests check by differentiating
    /// the KL itself.
    let at (policy: Policy) (thetaOld: float[]) (observations: float[][]) (damping: float) =
        { Jacobians = observations |> Array.map (StochasticPolicy.jacobian policy thetaOld)
          Informations = observations |> Array.map (StochasticPolicy.distribution policy thetaOld >> StochasticPolicy.fisher policy)
          Damping = damping }

    /// Jᵀ u for J given as rows.
    let private transposeTimes (j: float[][]) (u: float[]) =
        Array.init j.[0].Length (fun i -> Array.fold2 (fun acc (row: float[]) ua -> acc + row.[i] * ua) 0.0 j u)

    /// (F + c I) v = (1/N) Σ_n J_nᵀ (M_n (J_n v)) + c v.
    let apply (f: Fisher) (v: float[]) =
        let n = float f.Jacobians.Length
        Array.map2 (fun j m -> transposeTimes j (Vector.matVec m (Vector.matVec j v))) f.Jacobians f.Informations
        |> Array.reduce Vector.add
        |> Vector.scale (1.0 / n)
        |> fun fv -> Vector.addScaled fv f.Damping v

    /// F + c I in full, entry (i, k) = (1/N) Σ_n Σ_ab J_n[a, i] M_n[a, b] J_n[b, k] + c δ_ik.
    let matrix (f: Fisher) =
        let size = f.Jacobians.[0].[0].Length
        let mj = Array.map2 (fun (m: float[][]) j -> m |> Array.map (fun mRow -> transposeTimes j mRow)) f.Informations f.Jacobians
        let n = float f.Jacobians.Length
        Array.init size (fun i ->
            Array.init size (fun k ->
                let sum = Array.fold2 (fun acc (j: float[][]) (mjn: float[][]) -> Array.fold2 (fun a (ja: float[]) (mja: float[]) -> a + ja.[i] * mja.[k]) acc j mjn) 0.0 f.Jacobians mj
                sum / n + (if i = k then f.Damping else 0.0)))
