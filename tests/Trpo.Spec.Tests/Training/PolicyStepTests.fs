module Trpo.Spec.Tests.Training.PolicyStepTests

open FsCheck.FSharp
open Xunit
open Trpo.Spec
open Trpo.Spec.Tests
open Trpo.Spec.Tests.Generators
open Trpo.Spec.Tests.TraceCheck
type CorePolicyStep = Trpo.Core.Training.PolicyStep
type CoreOptions = Trpo.Core.Training.TrpoOptions

/// What the floors of the rules depend on.
type Context =
    { /// δ: line-search KLs are measured against it (a KL is a cancellation of O(1) terms).
      Delta: float
      /// max |Â|: the surrogate and its improvements are sums of ratio · Â terms of this size.
      AdvantageScale: float
      /// TraceCheck.cgSensitivity: how far CG's x moves under a change of rounding alone (end to end only).
      Sensitivity: float
      /// TraceCheck.searchSensitivity: how far the line search's improvements and KLs move with that x (end to end only).
      SearchSensitivity: float }

/// The tolerance of each policy-step quantity when every stage is fed the engine's inputs (TraceCheck.staged),
/// and why.
let stagedRule (c: Context) name =
    let normwise t = { Tolerance = t; Floor = 0.0; Elementwise = false }
    match name with
    // per-row forward passes and one distribution term (MlpTests, StochasticPolicyTests)
    | "old_log_probs" | "entropy" -> normwise 1e-12
    // mean(Â) is ~0 after normalisation: at the scale of the advantages it sums
    | "surrogate_before" -> { Tolerance = 1e-14; Floor = c.AdvantageScale; Elementwise = false }
    // backprop against reverse-mode AD (StochasticPolicyTests)
    | "policy_gradient" -> normwise 1e-12
    // CG on the same operator and right-hand side: the same arithmetic, to the last bit in practice
    | "cg.residuals" -> { Tolerance = 1e-12; Floor = 0.0; Elementwise = true }
    | "cg.step" -> normwise 1e-12
    // xᵀ(F + cI)x with the spec's F (FisherVectorProductTests) and β from it
    | "curvature" | "step_size" -> normwise 1e-12
    | "line_search.fraction" | "accepted_step_fraction" -> normwise 1e-14
    // a trial KL cancels O(1) terms: measured at the scale δ it is tested against; an improvement at the scale of
    // the advantages it sums
    | "line_search.kl" -> { Tolerance = 1e-11; Floor = c.Delta; Elementwise = false }
    | "line_search.improvement" -> { Tolerance = 1e-12; Floor = c.AdvantageScale; Elementwise = false }
    | "policy.parameters" -> normwise 1e-14
    | _ -> normwise 1e-10

/// The tolerance of each quantity when the spec runs on its own from the batch to θ_new (PolicyStep.run): as
/// stagedRule up to g. From conjugate gradient on, the differences of rounding in g and F v (1e-15) are amplified
/// by CG's sensitivity to rounding, which varies with the batch: x moves by 3e-8 between two roundings of the
/// spec's own F on one golden scenario, by 1e-4 on another (docs/algorithm.md). So these quantities may differ by
/// 100 times the measured sensitivity of the case (TraceCheck.cgSensitivity), and at least 1e-8; residuals are
/// compared normwise, at the scale of the largest, as late residuals far below it are rounding-dominated. The line
/// search's KLs and improvements may further amplify the change of x (exp of a change of log-probabilities), so
/// they may also differ by 100 times their own measured sensitivity (TraceCheck.searchSensitivity).
let endToEndRule (c: Context) name =
    let normwise t = { Tolerance = t; Floor = 0.0; Elementwise = false }
    let conditioned = max 1e-8 (100.0 * c.Sensitivity)
    let searchConditioned = max conditioned (100.0 * c.SearchSensitivity)
    match name with
    | "cg.residuals" | "cg.step" | "curvature" | "step_size" | "policy.parameters" -> normwise conditioned
    | "line_search.kl" -> { Tolerance = searchConditioned; Floor = c.Delta; Elementwise = false }
    | "line_search.improvement" -> { Tolerance = searchConditioned; Floor = c.AdvantageScale; Elementwise = false }
    | _ -> stagedRule c name

type Case =
    { Policy: PolicyCase
      Batch: PolicyBatch
      Config: TrustRegionConfig }

/// A log-uniform double on [lo, hi].
let logUniform lo hi = floatIn (log lo) (log hi) |> Gen.map exp

/// Hyperparameters with damping c on [minDamping, 1]: as c → 0, F + cI (rank ≤ N·d) becomes singular and CG
/// amplifies rounding without bound, so agreement would measure the conditioning, not the implementation.
let config minDamping =
    gen {
        let! delta = logUniform 1e-4 1.0
        let! damping = logUniform minDamping 1.0
        let! cgIters = Gen.choose (1, 15)
        let! tol = Gen.elements [ 0.0; 1e-10; 1e-6 ]
        let! backtrackIters = Gen.choose (1, 10)
        let! coeff = floatIn 0.1 0.95
        return { Delta = delta; DampingCoeff = damping; CgIters = cgIters; CgResidualTol = tol; BacktrackIters = backtrackIters; BacktrackCoeff = coeff }
    }

let caseWith minDamping =
    gen {
        let! p = policyCase
        let! rows = Gen.choose (1, 24)
        let! batch = policyBatch p rows
        let! config = config minDamping
        return { Policy = p; Batch = batch; Config = config }
    }

/// The engine's options for a trust-region config.
let options (c: TrustRegionConfig) =
    CoreOptions(Delta = c.Delta, DampingCoeff = c.DampingCoeff, CgIters = c.CgIters, CgResidualTol = c.CgResidualTol,
                BacktrackIters = c.BacktrackIters, BacktrackCoeff = c.BacktrackCoeff)

/// Runs the engine's PolicyStep on a case: its quantities, in trace order.
let runEngine (c: Case) =
    let rows = c.Batch.Observations.Length
    let step = CorePolicyStep(Engine.policy c.Policy.Policy, options c.Config, rows)
    let theta = Array.copy c.Policy.Theta
    let result = step.Run(theta, Engine.flatten c.Batch.Observations, Engine.flatten c.Batch.Actions, Array.copy c.Batch.Advantages, rows)
    ofPolicyStep result theta

/// The engine's F + cI as an operator.
let engineFisher (c: Case) (v: float[]) =
    (Engine.fisherVectorProducts c.Policy.Policy c.Policy.Theta c.Batch.Observations c.Config.DampingCoeff [ v ]).Head

let context (c: Case) = { Delta = c.Config.Delta; AdvantageScale = c.Batch.Advantages |> Array.map abs |> Array.max; Sensitivity = 0.0; SearchSensitivity = 0.0 }

[<Fact>]
let ``Run matches the spec stage by stage for random policies, batches and hyperparameters`` () =
    Properties.check 60 (caseWith 1e-3) (fun c ->
        let engine = runEngine c
        let staged = staged c.Config c.Policy.Policy c.Policy.Theta c.Batch.Observations c.Batch.Actions c.Batch.Advantages (engineFisher c) engine
        compare (stagedRule (context c)) notStaged staged engine)

[<Fact>]
let ``Run matches the spec end to end for random policies, batches and hyperparameters`` () =
    // damping from 0.05 (the presets use 0.1): the end-to-end agreement is bounded by the conditioning of F + cI.
    // And at most N·d CG iterations: F has rank ≤ N·d, so CG has solved the system by then in exact arithmetic and
    // any further iterate divides rounding noise by rounding noise (α = r·r / pᵀAp with both ~0).
    let wellPosed =
        caseWith 0.05
        |> Gen.map (fun c ->
            let d = c.Policy.Policy.Network.Sizes.[c.Policy.Policy.Network.Sizes.Length - 1]
            { c with Config = { c.Config with CgIters = min c.Config.CgIters (c.Batch.Observations.Length * d) } })
    Properties.check 60 wellPosed (fun c ->
        let spec = PolicyStep.run c.Config c.Policy.Policy c.Policy.Theta c.Batch.Observations c.Batch.Actions c.Batch.Advantages
        let engine = runEngine c
        let sensitivity =
            cgSensitivity c.Config c.Policy.Policy c.Policy.Theta c.Batch.Observations c.Batch.Actions c.Batch.Advantages (engineFisher c)
                (numbers "policy_gradient" engine)
        let searchSensitivity = searchSensitivity c.Config c.Policy.Policy c.Policy.Theta c.Batch.Observations c.Batch.Actions c.Batch.Advantages (engineFisher c)
        compare (endToEndRule { context c with Sensitivity = sensitivity; SearchSensitivity = searchSensitivity }) Set.empty (PolicyStep.quantities spec) engine)
