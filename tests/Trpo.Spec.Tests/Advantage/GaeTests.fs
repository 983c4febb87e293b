module Trpo.Spec.Tests.Advantage.GaeTests

open FsCheck.FSharp
open Xunit
open Trpo.Spec
open Trpo.Spec.Tests
open Trpo.Spec.Tests.Generators

/// The engine's backward recursion and the spec's explicit finite sums differ only in rounding: a few ulps of
/// the largest term per step of the longest episode (60 here), far inside the 1e-10 target.
let tolerance = 1e-12

type Segment =
    { Gamma: float
      Lambda: float
      Rewards: float[]
      Values: float[]
      Ends: StepEnd<float>[] }

let segment =
    gen {
        let! length = Gen.choose (1, 60)
        let! gamma = unitInterval
        let! lambda = unitInterval
        let! rewards = floatsIn length -2.0 2.0
        let! values = floatsIn length -5.0 5.0
        let! ends = segmentEnds length
        return { Gamma = gamma; Lambda = lambda; Rewards = rewards; Values = values; Ends = ends }
    }

[<Fact>]
let ``Compute matches the spec on random segments with terminations and truncations`` () =
    Properties.check 300 segment (fun s ->
        let spec = Gae.compute s.Gamma s.Lambda s.Rewards s.Values s.Ends
        let deltas, advantages, targets = Engine.gae s.Gamma s.Lambda s.Rewards s.Values s.Ends
        Tolerance.check "td_residuals" tolerance spec.Deltas deltas
        Tolerance.check "advantages" tolerance spec.Advantages advantages
        Tolerance.check "value_targets" tolerance spec.Targets targets)

// r = [1, 2, 3, 4], V = [0.5, 0.25, 1, -1]; the episode terminates at t = 1, a second one is cut at t = 3 with
// bootstrap value 2; γ = 0.9.
let rewards = [| 1.0; 2.0; 3.0; 4.0 |]
let values = [| 0.5; 0.25; 1.0; -1.0 |]
let ends = [| Continues; Terminated; Continues; Truncated 2.0 |]

[<Fact>]
let ``Compute with lambda 0 gives the one-step TD residual`` () =
    // δ_0 = 1 + 0.9·0.25 − 0.5; δ_1 = 2 + 0 − 0.25 (terminal); δ_2 = 3 + 0.9·(−1) − 1; δ_3 = 4 + 0.9·2 − (−1)
    let expected = [| 0.725; 1.75; 1.1; 6.8 |]
    let _, engine, _ = Engine.gae 0.9 0.0 rewards values ends
    let spec = (Gae.compute 0.9 0.0 rewards values ends).Advantages
    Tolerance.check "advantages (engine)" 1e-15 expected engine
    Tolerance.check "advantages (spec)" 1e-15 expected spec

[<Fact>]
let ``Compute with lambda 1 gives the discounted return minus V`` () =
    // λ = 1: Â_t = Σ_l γ^l r_{t+l} (+ γ^k bootstrap after a cut) − V(s_t), each episode on its own
    let expected =
        [| 1.0 + 0.9 * 2.0 - 0.5
           2.0 - 0.25
           3.0 + 0.9 * 4.0 + 0.81 * 2.0 - 1.0
           4.0 + 0.9 * 2.0 - -1.0 |]
    let _, engine, engineTargets = Engine.gae 0.9 1.0 rewards values ends
    let spec = Gae.compute 0.9 1.0 rewards values ends
    Tolerance.check "advantages (engine)" 1e-15 expected engine
    Tolerance.check "advantages (spec)" 1e-15 expected spec.Advantages
    // the targets are then the discounted returns themselves
    Tolerance.check "value_targets (engine)" 1e-15 (Array.map2 (+) expected values) engineTargets

[<Fact>]
let ``Compute does not let a terminal step see the next episode's values`` () =
    let spec = Gae.compute 0.99 0.95 rewards values ends
    let _, engine, _ = Engine.gae 0.99 0.95 rewards values ends
    // Â_1 is the terminal step's own residual: nothing of t = 2, 3 leaks back
    Assert.Equal(2.0 - 0.25, spec.Advantages.[1])
    Assert.Equal(2.0 - 0.25, engine.[1])
