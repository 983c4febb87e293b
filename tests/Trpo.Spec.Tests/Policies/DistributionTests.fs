module Trpo.Spec.Tests.Policies.DistributionTests

open System
open FsCheck.FSharp
open Xunit
open Trpo.Spec
open Trpo.Spec.Tests
open Trpo.Spec.Tests.Generators
type CoreCategorical = Trpo.Core.Policies.Categorical
type CoreGaussian = Trpo.Core.Policies.DiagonalGaussian

/// One softmax or Gaussian term: DetMath and System.Math agree to an ulp, the sums have ≤ 4 terms.
let tolerance = 1e-14

/// The Fisher information: the engine's closed form p_i (u_i − pᵀu) against the spec's expectation of score
/// outer products; both cancel terms of size max p, so the error is measured at that scale (checkAt).
let fisherTolerance = 1e-13

/// A KL is a sum of terms that cancel to a small number: its error is an ulp of the terms, not of the result,
/// so it is compared at the scale of its terms (Tolerance.checkScaled with klScale).
let klTolerance = 1e-14

/// The size of the terms a KL between ψ and ψ' sums: max(1, the largest |parameter|), bounding |log p| and
/// |log σ| terms in the ranges generated here.
let klScale (psi: float[]) (psi2: float[]) = Array.append psi psi2 |> Array.fold (fun m x -> max m (abs x)) 1.0

/// Finite differences of the exact KL gradient (central, h = 1e-5): truncation O(h²) times third derivatives of
/// order 1, plus rounding eps / h.
let finiteDifferenceTolerance = 1e-7

let logits = gen {
    let! k = Gen.choose (1, 4)
    return! floatsIn k -5.0 5.0 }

let gaussian = gen {
    let! d = Gen.choose (1, 4)
    let! mu = floatsIn d -2.0 2.0
    let! logStd = floatsIn d -1.5 0.5
    return Array.append mu logStd }

let logSoftmaxEngine (z: float[]) =
    let out = Array.zeroCreate z.Length
    CoreCategorical.LogSoftmax(ReadOnlySpan z, Span out)
    out

[<Fact>]
let ``Categorical matches the spec on random logits`` () =
    Properties.check 300 (Gen.zip3 logits logits (floatsIn 4 -1.0 1.0)) (fun (z, z2raw, u) ->
        let k = z.Length
        let z2 = Array.init k (fun i -> if i < z2raw.Length then z2raw.[i] else 0.3 * float i)
        let scratch, scratch2 = Array.zeroCreate k, Array.zeroCreate k
        Tolerance.check "log_softmax" tolerance (Categorical.logSoftmax (Ad.constants z) |> Ad.values) (logSoftmaxEngine z)
        for a in 0 .. k - 1 do
            Tolerance.checkScalar "log_prob" tolerance (Categorical.logProb z a) (CoreCategorical.LogProb(ReadOnlySpan z, a, Span scratch))
            let gradient = Array.zeroCreate k
            CoreCategorical.LogProbGradient(ReadOnlySpan z, a, Span gradient)
            // 1[i = a] − p_i cancels when p_a → 1: compared at the scale of the indicator, 1
            Tolerance.checkAt "log_prob_gradient" 1.0 tolerance (Categorical.score z a) gradient
        Tolerance.checkScalar "entropy" tolerance (Categorical.entropy z) (CoreCategorical.Entropy(ReadOnlySpan z, Span scratch))
        let klSpec, klEngine = Categorical.kl z z2, CoreCategorical.Kl(ReadOnlySpan z, ReadOnlySpan z2, Span scratch, Span scratch2)
        Tolerance.checkScaled "kl" klTolerance (klScale z z2) klSpec klEngine
        let p = Categorical.probabilities z
        let mu = Array.zeroCreate k
        CoreCategorical.FisherProduct(ReadOnlySpan p, ReadOnlySpan u.[.. k - 1], Span mu)
        Tolerance.checkAt "fisher_product" (Array.max p) fisherTolerance (Vector.matVec (Categorical.fisher z) u.[.. k - 1]) mu)

[<Fact>]
let ``DiagonalGaussian matches the spec on random parameters`` () =
    Properties.check 300 (Gen.zip gaussian (floatsIn 8 -3.0 3.0)) (fun (psi, raw) ->
        let d = psi.Length / 2
        let mu, logStd = DiagonalGaussian.split psi
        let a = raw.[.. d - 1]
        let psi2 = Array.init (2 * d) (fun i -> psi.[i] + 0.3 * raw.[d + i % d] * (if i < d then 1.0 else 0.5))
        let mu2, logStd2 = DiagonalGaussian.split psi2
        Tolerance.checkScalar "log_prob" tolerance (DiagonalGaussian.logProb psi a) (CoreGaussian.LogProb(ReadOnlySpan mu, ReadOnlySpan logStd, ReadOnlySpan a))
        Tolerance.checkScalar "entropy" tolerance (DiagonalGaussian.entropy psi) (CoreGaussian.Entropy(ReadOnlySpan logStd))
        let klEngine = CoreGaussian.Kl(ReadOnlySpan mu, ReadOnlySpan logStd, ReadOnlySpan mu2, ReadOnlySpan logStd2)
        Tolerance.checkScaled "kl" klTolerance (klScale psi psi2) (DiagonalGaussian.kl psi psi2) klEngine
        let meanGradient, logStdGradient = Array.zeroCreate d, Array.zeroCreate d
        CoreGaussian.LogProbGradient(ReadOnlySpan mu, ReadOnlySpan logStd, ReadOnlySpan a, Span meanGradient, Span logStdGradient)
        Tolerance.check "log_prob_gradient" tolerance (DiagonalGaussian.score psi a) (Array.append meanGradient logStdGradient))

[<Fact>]
let ``KL of a distribution with itself is zero and so is its gradient`` () =
    Properties.check 100 (Gen.zip logits gaussian) (fun (z, psi) ->
        let scratch, scratch2 = Array.zeroCreate z.Length, Array.zeroCreate z.Length
        Assert.Equal(0.0, CoreCategorical.Kl(ReadOnlySpan z, ReadOnlySpan z, Span scratch, Span scratch2))
        let mu, logStd = DiagonalGaussian.split psi
        Assert.Equal(0.0, CoreGaussian.Kl(ReadOnlySpan mu, ReadOnlySpan logStd, ReadOnlySpan mu, ReadOnlySpan logStd))
        Assert.Equal(0.0, Categorical.kl z z)
        Assert.Equal(0.0, DiagonalGaussian.kl psi psi)
        // ∇ KL(p_old ‖ p) at p = p_old is 0: the KL is at its minimum (to rounding: p − p_old of equal numbers)
        let largest (g: float[]) = g |> Array.map abs |> Array.max
        Assert.InRange(largest (Ad.gradient (Categorical.klVar z) z), 0.0, 1e-15)
        Assert.InRange(largest (Ad.gradient (DiagonalGaussian.klVar psi) psi), 0.0, 1e-15))

/// H_ij of f at x by central differences of its exact (reverse-mode) gradient.
let hessianByDifferences (f: Var[] -> Var) (x: float[]) =
    let h = 1e-5
    let shifted j s = x |> Array.mapi (fun i xi -> if i = j then xi + s else xi)
    let columns = Array.init x.Length (fun j -> Vector.scale (1.0 / (2.0 * h)) (Vector.sub (Ad.gradient f (shifted j h)) (Ad.gradient f (shifted j -h))))
    Array.init x.Length (fun i -> Array.init x.Length (fun j -> columns.[j].[i]))

[<Fact>]
let ``The distributions' Fisher information is the Hessian of the KL at the old parameters`` () =
    Properties.check 60 (Gen.zip logits gaussian) (fun (z, psi) ->
        Tolerance.check "categorical" finiteDifferenceTolerance (Array.concat (hessianByDifferences (Categorical.klVar z) z)) (Array.concat (Categorical.fisher z))
        Tolerance.check "gaussian" finiteDifferenceTolerance (Array.concat (hessianByDifferences (DiagonalGaussian.klVar psi) psi)) (Array.concat (DiagonalGaussian.fisher psi)))

[<Fact>]
let ``The distributions' Fisher information has the closed forms the engine uses`` () =
    Properties.check 100 (Gen.zip logits gaussian) (fun (z, psi) ->
        // categorical: diag(p) − p pᵀ
        let p = Categorical.probabilities z
        let closed = Array.init p.Length (fun i -> Array.init p.Length (fun j -> (if i = j then p.[i] else 0.0) - p.[i] * p.[j]))
        Tolerance.checkAt "categorical" (Array.max p) fisherTolerance (Array.concat closed) (Array.concat (Categorical.fisher z))
        // Gaussian over [μ; log σ]: diag(1/σ², 2)
        let d = psi.Length / 2
        let gaussianClosed =
            Array.init (2 * d) (fun i -> Array.init (2 * d) (fun j ->
                if i <> j then 0.0 elif i < d then exp (-2.0 * psi.[d + i]) else 2.0))
        Tolerance.check "gaussian" fisherTolerance (Array.concat gaussianClosed) (Array.concat (DiagonalGaussian.fisher psi)))
