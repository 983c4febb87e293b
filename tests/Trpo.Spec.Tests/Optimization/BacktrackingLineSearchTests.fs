module Trpo.Spec.Tests.Optimization.BacktrackingLineSearchTests

open FsCheck.FSharp
open Xunit
open Trpo.Spec
open Trpo.Spec.Tests
open Trpo.Spec.Tests.Generators
type CoreSearch = Trpo.Core.Optimization.BacktrackingLineSearch

/// The fractions: the engine's running product c·c·…·c against the spec's pown c j, an ulp per factor.
let fractionTolerance = 1e-14

type Case =
    { Iterations: int
      Coeff: float
      Delta: float
      /// (KL, improvement) of attempt j, whatever the fraction.
      Trials: (float * float)[] }

let case =
    gen {
        let! iterations = Gen.choose (1, 10)
        let! coeff = floatIn 0.05 0.99
        let! delta = floatIn 1e-4 0.1
        // KL exactly δ and improvements exactly 0 are drawn often: they are the boundaries
        let kl = Gen.frequency [ 3, floatIn 0.0 0.2 |> Gen.map (fun k -> k * delta * 10.0); 1, Gen.constant delta ]
        let improvement = Gen.frequency [ 3, floatIn -1.0 1.0; 1, Gen.constant 0.0 ]
        let! trials = Gen.arrayOfLength iterations (Gen.zip kl improvement)
        return { Iterations = iterations; Coeff = coeff; Delta = delta; Trials = trials }
    }

/// Runs the engine's search over the trials in order.
let runEngine (c: Case) =
    let calls = ref 0
    CoreSearch.Run(c.Iterations, c.Coeff, c.Delta, CoreSearch.TrialEvaluator(fun _ ->
        let kl, imp = c.Trials.[calls.Value]
        calls.Value <- calls.Value + 1
        struct (kl, imp)))

let runSpec (c: Case) =
    let calls = ref 0
    BacktrackingLineSearch.run c.Iterations c.Coeff c.Delta (fun _ ->
        let trial = c.Trials.[calls.Value]
        calls.Value <- calls.Value + 1
        trial)

[<Fact>]
let ``Run matches the spec on random trial sequences`` () =
    Properties.check 400 case (fun c ->
        let spec, engine = runSpec c, runEngine c
        let attempts = Array.ofSeq engine.Attempts
        let specAttempts = Array.ofList spec.Attempts
        Tolerance.checkExact "attempts" specAttempts.Length attempts.Length
        Tolerance.checkExact "line_search.accepted" (specAttempts |> Array.map (fun a -> a.Accepted)) (attempts |> Array.map (fun a -> a.Accepted))
        Tolerance.check "line_search.fraction" fractionTolerance (specAttempts |> Array.map (fun a -> a.Fraction)) (attempts |> Array.map (fun a -> a.Fraction))
        Tolerance.checkScalar "accepted_step_fraction" fractionTolerance (BacktrackingLineSearch.acceptedFraction spec) engine.AcceptedFraction)

[<Fact>]
let ``Run accepts a KL equal to delta but not a zero improvement`` () =
    let c = { Iterations = 3; Coeff = 0.5; Delta = 0.01; Trials = [| 0.01, 0.0; 0.01, 1e-12; 0.0, 1.0 |] }
    let spec, engine = runSpec c, runEngine c
    // attempt 0: no improvement, rejected; attempt 1: KL = δ (allowed) and a positive improvement, accepted
    Assert.Equal(Accepted(0.5, 0.01, 1e-12), spec.Outcome)
    Assert.Equal(0.5, engine.AcceptedFraction)
    Assert.Equal(2, engine.Attempts.Count)

[<Fact>]
let ``Run is rejected when no attempt passes`` () =
    let c = { Iterations = 2; Coeff = 0.8; Delta = 0.01; Trials = [| 0.02, 1.0; 0.005, -1.0 |] }
    Assert.Equal(Rejected, (runSpec c).Outcome)
    Assert.Equal(0.0, (runEngine c).AcceptedFraction)
