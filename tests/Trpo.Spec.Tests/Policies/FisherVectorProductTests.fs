module Trpo.Spec.Tests.Policies.FisherVectorProductTests

open FsCheck.FSharp
open Xunit
open Trpo.Spec
open Trpo.Spec.Tests
open Trpo.Spec.Tests.Generators

/// The engine's JVP-then-backprop against the explicit matrix from reverse-mode Jacobians and exact
/// expectations: two derivative passes through ≤ 3 layers and a sum over ≤ 12 rows.
let tolerance = 1e-12

/// Symmetry of the engine's matrix: (F e_i)_j against (F e_j)_i, each from its own pair of passes.
let symmetryTolerance = 1e-13

type Case =
    { Policy: PolicyCase
      Observations: float[][]
      Damping: float
      V: float[] }

let caseOf policies =
    gen {
        let! p = policies
        let! rows = Gen.choose (1, 12)
        let! batch = policyBatch p rows
        let! damping = Gen.elements [ 0.0; 0.01; 0.1; 1.0 ]
        let! v = floatsIn p.Theta.Length -1.0 1.0
        return { Policy = p; Observations = batch.Observations; Damping = damping; V = v }
    }

let case = caseOf policyCase

let gsdeCase = caseOf gsdePolicyCase

let private productsMatch count cases =
    Properties.check count cases (fun c ->
        let f = FisherVectorProduct.at c.Policy.Policy c.Policy.Theta c.Observations c.Damping
        let engine = Engine.fisherVectorProducts c.Policy.Policy c.Policy.Theta c.Observations c.Damping [ c.V ]
        Tolerance.check "F v" tolerance (FisherVectorProduct.apply f c.V) engine.Head
        Tolerance.check "F v (formed matrix)" tolerance (Vector.matVec (FisherVectorProduct.matrix f) c.V) engine.Head)

[<Fact>]
let ``FisherVectorProduct matches the spec's explicit Fisher matrix`` () = productsMatch 60 case

[<Fact>]
let ``FisherVectorProduct matches the spec's explicit Fisher matrix for gSDE`` () = productsMatch 50 gsdeCase

[<Fact>]
let ``The engine's Fisher matrix is symmetric and positive semi-definite`` () =
    let withDirections = gen {
        let! c = case
        let! directions = Gen.arrayOfLength 5 (floatsIn c.Policy.Theta.Length -1.0 1.0)
        return c, directions }
    Properties.check 40 withDirections (fun (c, directions) ->
        let p, theta = c.Policy.Policy, c.Policy.Theta
        let f = Engine.fisherMatrix p theta c.Observations 0.0
        let n = f.Length
        let scale = f |> Array.collect id |> Array.map abs |> Array.max
        for i in 0 .. n - 1 do
            for j in 0 .. i - 1 do
                if abs (f.[i].[j] - f.[j].[i]) > symmetryTolerance * scale then
                    failwithf "F[%d,%d] = %g but F[%d,%d] = %g" i j f.[i].[j] j i f.[j].[i]
        for s in directions do
            // undamped: sᵀFs = (1/N) Σ_n ‖J_n s‖²_M ≥ 0, to rounding; damped by c: ≥ c ‖s‖² > 0
            let sFs = Vector.dot s (Vector.matVec f s)
            Assert.True(sFs >= -1e-13 * scale * Vector.dot s s, sprintf "sᵀFs = %g < 0" sFs)
            let damped = Engine.fisherVectorProducts p theta c.Observations 0.1 [ s ]
            Assert.True(Vector.dot s damped.Head > 0.0, "sᵀ(F + 0.1 I)s must be positive"))

[<Fact>]
let ``The spec's Fisher matrix is the Hessian of the mean KL at the old parameters`` () =
    // small nets only: the check differentiates the exact KL gradient once per parameter
    let small = case |> Gen.filter (fun c -> c.Policy.Theta.Length <= 60)
    Properties.check 20 small (fun c ->
        let p, theta = c.Policy.Policy, c.Policy.Theta
        let hessian = Policies.DistributionTests.hessianByDifferences (StochasticPolicy.meanKlVar p theta c.Observations) theta
        let f = FisherVectorProduct.matrix (FisherVectorProduct.at p theta c.Observations 0.0)
        Tolerance.check "F" Policies.DistributionTests.finiteDifferenceTolerance (Array.concat hessian) (Array.concat f))

[<Fact>]
let ``The spec's gSDE Fisher matrix is the Hessian of the mean KL with the features held at the old parameters`` () =
    // detached features: both policies' features at θ_old (sb3's learn_features=False), as the Fisher assumes
    let small = gsdeCase |> Gen.filter (fun c -> c.Policy.Theta.Length <= 60)
    Properties.check 15 small (fun c ->
        let p, theta = c.Policy.Policy, c.Policy.Theta
        let hessian = Policies.DistributionTests.hessianByDifferences (StochasticPolicy.meanKlVarWithOldFeatures p theta c.Observations) theta
        let f = FisherVectorProduct.matrix (FisherVectorProduct.at p theta c.Observations 0.0)
        Tolerance.check "F" Policies.DistributionTests.finiteDifferenceTolerance (Array.concat hessian) (Array.concat f))
