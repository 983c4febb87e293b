module Trpo.Spec.Tests.Training.ValueFunctionTests

open System
open FsCheck.FSharp
open Xunit
open Trpo.Spec
open Trpo.Spec.Tests
open Trpo.Spec.Tests.Generators
open Trpo.Core.Numerics
type CoreValueFunction = Trpo.Core.Training.ValueFunction

/// Up to 40 Adam steps, each from a backprop gradient against an automatic one (1e-12, MlpTests): Adam divides
/// by sqrt(v̂), so a gradient's relative error passes into the step, and steps accumulate.
let tolerance = 1e-11

type Case =
    { Net: MlpLayout
      Hidden: int list
      Phi: float[]
      Observations: float[][]
      Targets: float[]
      Passes: int
      BatchSize: int
      LearningRate: float
      Epsilon: float
      ShuffleSeed: uint64 }

let case =
    gen {
        let! net, hidden, phi = networkWith 1
        let! rows = Gen.choose (1, 40)
        let! observations = Gen.arrayOfLength rows (floatsIn net.Sizes.[0] -2.0 2.0)
        let! targets = floatsIn rows -10.0 10.0
        let! passes = Gen.choose (0, 5)
        let! batchSize = Gen.frequency [ 1, Gen.constant 0; 3, Gen.choose (1, rows + 3) ]
        let! lr = Gen.elements [ 1e-3; 1e-2 ]
        let! eps = Gen.elements [ 1e-8; 1e-5 ]
        let! seed = Gen.choose (0, 1000)
        return { Net = net; Hidden = hidden; Phi = phi; Observations = observations; Targets = targets; Passes = passes
                 BatchSize = batchSize; LearningRate = lr; Epsilon = eps; ShuffleSeed = uint64 seed }
    }

/// The permutations ValueFunction.Fit draws: one Fisher–Yates shuffle of 0 .. N−1 per pass from the stream.
let permutations (rng: Rng) rows passes =
    List.init passes (fun _ ->
        let order = Array.init rows id
        rng.Shuffle(Span order)
        order)

/// The spec's schedule for a fit like the engine's: full batch when batchSize is 0, else minibatches.
let schedule batchSize rows passes (rng: Rng) =
    if batchSize <= 0 then ValueFunction.fullBatchSchedule passes rows
    else ValueFunction.minibatchSchedule batchSize (permutations rng rows passes)

[<Fact>]
let ``Fit matches the spec's Adam on the squared error, full batch and minibatches`` () =
    Properties.check 80 case (fun c ->
        let rows = c.Observations.Length
        let engine = CoreValueFunction(c.Net.Sizes.[0], Array.ofList c.Hidden, c.LearningRate, c.Epsilon)
        Array.blit c.Phi 0 engine.Parameters 0 c.Phi.Length
        let losses = engine.Fit(Engine.flatten c.Observations, c.Targets, rows, c.Passes, c.BatchSize, Rng.ForStream(c.ShuffleSeed, RngPurpose.MinibatchShuffle))
        let plan = schedule c.BatchSize rows c.Passes (Rng.ForStream(c.ShuffleSeed, RngPurpose.MinibatchShuffle))
        let spec = ValueFunction.fit c.Net (Adam.config c.LearningRate c.Epsilon) (Adam.init c.Phi.Length) c.Phi c.Observations c.Targets plan
        Tolerance.check "value_fit.losses" tolerance spec.Losses losses
        Tolerance.check "value.parameters" tolerance spec.Parameters engine.Parameters
        Tolerance.check "adam.m" tolerance spec.Optimizer.M engine.Optimizer.M
        Tolerance.check "adam.v" tolerance spec.Optimizer.V engine.Optimizer.V
        Tolerance.checkExact "adam.t" (int64 spec.Optimizer.T) engine.Optimizer.Steps)

[<Fact>]
let ``Predict and Loss match the spec`` () =
    Properties.check 100 case (fun c ->
        let rows = c.Observations.Length
        let engine = CoreValueFunction(c.Net.Sizes.[0], Array.ofList c.Hidden, c.LearningRate, c.Epsilon)
        Array.blit c.Phi 0 engine.Parameters 0 c.Phi.Length
        let values = Array.zeroCreate rows
        engine.Predict(ReadOnlySpan(Engine.flatten c.Observations), rows, Span values)
        let specValues = c.Observations |> Array.map (ValueFunction.predict c.Net c.Phi)
        Tolerance.check "values" Policies.MlpTests.forwardTolerance specValues values
        Tolerance.checkScalar "value_loss" 1e-12 (ValueFunction.loss specValues c.Targets) (engine.Loss(ReadOnlySpan values, ReadOnlySpan c.Targets)))
