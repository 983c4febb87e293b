namespace Trpo.Spec

/// The diagonal Gaussian N(μ, diag σ²) over d dimensions, parameterised by ψ = [μ_1..μ_d; log σ_1..log σ_d].
/// Pairs with Trpo.Core.Policies.DiagonalGaussian.
[<RequireQualifiedAccess>]
module DiagonalGaussian =

    /// log 2π.
    let logTwoPi = log (2.0 * System.Math.PI)

    /// μ and log σ from ψ = [μ; log σ].
    let split (psi: 'a[]) =
        let d = psi.Length / 2
        psi.[.. d - 1], psi.[d ..]

    /// log π(a) = Σ_i [ −½ ((a_i − μ_i)/σ_i)² − log σ_i − ½ log 2π ].
    let logProbVar (psi: Var[]) (a: float[]) =
        let mu, logStd = split psi
        Array.init a.Length (fun i ->
            let z = (a.[i] - mu.[i]) / exp logStd.[i]
            -0.5 * (z * z) - logStd.[i] - 0.5 * logTwoPi)
        |> Array.fold (+) Var.Zero

    /// log π(a) for float parameters.
    let logProb (psi: float[]) (a: float[]) = (logProbVar (Ad.constants psi) a).Value

    /// H = Σ_i [ log σ_i + ½ (1 + log 2π) ] (it does not depend on μ).
    let entropy (psi: float[]) =
        let _, logStd = split psi
        logStd |> Array.sumBy (fun ls -> ls + 0.5 * (1.0 + logTwoPi))

    /// KL(N(μ, σ²) ‖ N(μ', σ'²)) = Σ_i [ log σ'_i − log σ_i + (σ_i² + (μ_i − μ'_i)²) / (2 σ'_i²) − ½ ],
    /// differentiable in the new parameters ψ' = [μ'; log σ'].
    let klVar (psiOld: float[]) (psi: Var[]) =
        let muOld, logStdOld = split psiOld
        let mu, logStd = split psi
        Array.init muOld.Length (fun i ->
            let varOld = exp (2.0 * logStdOld.[i])
            let var = exp (2.0 * logStd.[i])
            let dm = muOld.[i] - mu.[i]
            logStd.[i] - logStdOld.[i] + (varOld + dm * dm) / (2.0 * var) - 0.5)
        |> Array.fold (+) Var.Zero

    /// KL for float parameters.
    let kl (psiOld: float[]) (psi: float[]) = (klVar psiOld (Ad.constants psi)).Value

    /// ∇_ψ log π(a), by reverse-mode differentiation.
    let score (psi: float[]) (a: float[]) = Ad.gradient (fun p -> logProbVar p a) psi

    /// Nodes and weights of the 3-point Gauss–Hermite rule for the standard normal: E[q(x)] = Σ w q(x) exactly
    /// for every polynomial q of degree ≤ 5 (Abramowitz and Stegun 25.4.46, probabilists' form).
    let gaussHermite3 = [| -sqrt 3.0, 1.0 / 6.0; 0.0, 2.0 / 3.0; sqrt 3.0, 1.0 / 6.0 |]

    /// The Fisher information of ψ, M = E_{a∼N(μ,σ²)}[∇_ψ log π(a) ∇_ψ log π(a)ᵀ], with the expectation taken
    /// by the 3^d-point tensor Gauss–Hermite rule at a_i = μ_i + σ_i x_i. The score is a polynomial of degree
    /// ≤ 2 in each a_i, so its outer product has degree ≤ 4 in each and the rule is exact. In closed form
    /// M = diag(1/σ², 2) (the engine's formula); the tests also check it is the Hessian of the KL.
    let fisher (psi: float[]) =
        let mu, logStd = split psi
        let d = mu.Length
        // every d-tuple of node indices, with its product weight
        let points =
            Seq.fold (fun tuples _ -> [ for t in tuples do for n in 0 .. 2 -> n :: t ]) [ [] ] (seq { 1 .. d })
            |> List.map (fun t ->
                let nodes = Array.ofList t
                let a = Array.init d (fun i -> mu.[i] + exp logStd.[i] * fst gaussHermite3.[nodes.[i]])
                let w = nodes |> Array.fold (fun acc n -> acc * snd gaussHermite3.[n]) 1.0
                w, score psi a)
        Array.init (2 * d) (fun i ->
            Array.init (2 * d) (fun j -> points |> List.sumBy (fun (w, s) -> w * s.[i] * s.[j])))
