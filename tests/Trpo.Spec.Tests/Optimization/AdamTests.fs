module Trpo.Spec.Tests.Optimization.AdamTests

open System
open FsCheck.FSharp
open Xunit
open Trpo.Spec
open Trpo.Spec.Tests
open Trpo.Spec.Tests.Generators
type CoreAdam = Trpo.Core.Optimization.Adam

/// Algorithm 1's m̂/(sqrt v̂ + ε) against PyTorch's (lr/(1−β1^t)) · m/(sqrt v/sqrt(1−β2^t) + ε) with β^t as a
/// running product instead of pown: a few ulps per step, over at most 20 steps.
let tolerance = 1e-13

[<Fact>]
let ``Step matches the spec's Algorithm 1 over random gradient sequences`` () =
    let case = gen {
        let! n = Gen.choose (1, 20)
        let! theta = floatsIn n -2.0 2.0
        let! steps = Gen.choose (1, 20)
        let! scale = Gen.elements [ 1e-6; 1e-2; 1.0; 100.0 ]
        let! gradients = Gen.arrayOfLength steps (floatsIn n -1.0 1.0 |> Gen.map (Vector.scale scale))
        let! lr = Gen.elements [ 1e-5; 1e-3; 1e-1 ]
        let! eps = Gen.elements [ 1e-8; 1e-5 ]
        return theta, gradients, lr, eps }
    Properties.check 300 case (fun (theta0, gradients, lr, eps) ->
        let engine = CoreAdam(theta0.Length, lr, eps)
        let engineTheta = Array.copy theta0
        let config = Adam.config lr eps
        gradients
        |> Array.fold (fun (state, theta) g ->
            engine.Step(Span engineTheta, ReadOnlySpan g)
            let state', theta' = Adam.step config state theta g
            Tolerance.check "theta" tolerance theta' engineTheta
            Tolerance.check "m" tolerance state'.M engine.M
            Tolerance.check "v" tolerance state'.V engine.V
            state', theta') (Adam.init theta0.Length, theta0)
        |> ignore)

[<Fact>]
let ``The first step moves each parameter by the learning rate against its gradient's sign`` () =
    // t = 1: m̂ = g and v̂ = g², so the step is lr · g / (|g| + ε)
    let g = [| 0.5; -2.0; 1e-3 |]
    let expected = g |> Array.map (fun gi -> -1e-3 * gi / (abs gi + 1e-8))
    let _, spec = Adam.step (Adam.config 1e-3 1e-8) (Adam.init 3) (Array.zeroCreate 3) g
    let engine = CoreAdam(3, 1e-3, 1e-8)
    let theta = Array.zeroCreate 3
    engine.Step(Span theta, ReadOnlySpan g)
    Tolerance.check "spec" 1e-15 expected spec
    Tolerance.check "engine" 1e-15 expected theta
