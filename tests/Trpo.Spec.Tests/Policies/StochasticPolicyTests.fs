module Trpo.Spec.Tests.Policies.StochasticPolicyTests

open FsCheck.FSharp
open Xunit
open Trpo.Spec
open Trpo.Spec.Tests
open Trpo.Spec.Tests.Generators

/// Per-row log-probabilities and entropies: a network forward (1e-13, see MlpTests) then one distribution term.
let tolerance = 1e-13

/// The policy gradient: hand-written backprop against automatic differentiation through ≤ 3 layers, summed over ≤ 24 rows.
let gradientTolerance = 1e-12

/// The mean KL between θ_old and a nearby θ is small against its terms; compared at the scale of its terms
/// (DistributionTests.klScale of the outputs): the outputs carry the network's 1e-13.
let klTolerance = 1e-13

type Case =
    { Policy: PolicyCase
      Batch: PolicyBatch
      /// A second parameter vector near θ for KL.
      ThetaNear: float[] }

let caseOf policies =
    gen {
        let! p = policies
        let! rows = Gen.choose (1, 24)
        let! batch = policyBatch p rows
        let! step = Gen.elements [ 1e-3; 0.1; 0.5 ]
        let! dir = floatsIn p.Theta.Length -1.0 1.0
        return { Policy = p; Batch = batch; ThetaNear = Vector.addScaled p.Theta step dir }
    }

let case = caseOf policyCase

/// gSDE policies: the engine's state-dependent variance against the spec's ψ = [μ; log σ(s)] through the diagonal Gaussian.
let gsdeCase = caseOf gsdePolicyCase

let private distributionQuantitiesMatch count cases =
    Properties.check count cases (fun c ->
        let p, theta, b = c.Policy.Policy, c.Policy.Theta, c.Batch
        Tolerance.check "old_log_probs" tolerance (StochasticPolicy.logProbs p theta b.Observations b.Actions) (Engine.logProbs p theta b.Observations b.Actions)
        Tolerance.checkScalar "entropy" tolerance (StochasticPolicy.meanEntropy p theta b.Observations) (Engine.meanEntropy p theta b.Observations)
        // at the scale of the KL's terms (log-probabilities of the outputs), whose rounding sets its error
        let klSpec = StochasticPolicy.meanKl p theta b.Observations c.ThetaNear
        let klEngine = Engine.meanKl p theta b.Observations c.ThetaNear
        let outputs = b.Observations |> Array.collect (StochasticPolicy.distribution p theta)
        // a gSDE variance can be tiny (f ≈ 0 leaves ε = 1e-6) and its KL huge: then the KL's own size is its terms' scale
        let scale = max (Policies.DistributionTests.klScale outputs [||]) (abs klSpec)
        Tolerance.checkScaled "mean_kl" klTolerance scale klSpec klEngine)

[<Fact>]
let ``LogProbs, MeanEntropy and MeanKl match the spec on random policies`` () = distributionQuantitiesMatch 150 case

[<Fact>]
let ``LogProbs, MeanEntropy and MeanKl match the spec on random gSDE policies`` () = distributionQuantitiesMatch 100 gsdeCase

let private gradientsMatch count cases =
    Properties.check count cases (fun c ->
        let p, theta, b = c.Policy.Policy, c.Policy.Theta, c.Batch
        Tolerance.check "policy_gradient" gradientTolerance
            (Surrogate.policyGradient p theta b.Observations b.Actions b.Advantages)
            (Engine.policyGradient p theta b.Observations b.Actions b.Advantages))

[<Fact>]
let ``WeightedLogProbGradient is the spec's policy gradient`` () = gradientsMatch 100 case

[<Fact>]
let ``WeightedLogProbGradient is the spec's policy gradient for gSDE, the features detached`` () = gradientsMatch 80 gsdeCase

[<Fact>]
let ``The mean KL of the old policy with itself is zero and so is its gradient`` () =
    Properties.check 60 case (fun c ->
        let p, theta, b = c.Policy.Policy, c.Policy.Theta, c.Batch
        Assert.Equal(0.0, Engine.meanKl p theta b.Observations theta)
        Assert.Equal(0.0, StochasticPolicy.meanKl p theta b.Observations theta)
        let g = Ad.gradient (StochasticPolicy.meanKlVar p theta b.Observations) theta
        Assert.InRange(g |> Array.map abs |> Array.max, 0.0, 1e-14))
