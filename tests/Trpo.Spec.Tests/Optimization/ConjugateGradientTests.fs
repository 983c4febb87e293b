module Trpo.Spec.Tests.Optimization.ConjugateGradientTests

open FsCheck.FSharp
open Xunit
open Trpo.Spec
open Trpo.Spec.Tests
open Trpo.Spec.Tests.Generators
type CoreStop = Trpo.Core.Optimization.ConjugateGradientStop

/// Both run Nocedal and Wright's Algorithm 5.2 on the same matrix-vector product; they differ only where
/// rounding differs, which on these well-scaled systems is nowhere or an ulp.
let tolerance = 1e-12

type System =
    { A: float[][]
      B: float[]
      MaxIterations: int
      ResidualTolerance: float }

/// A = Qᵀ diag(λ) Q-like SPD matrices from BᵀB + μ I, condition numbers up to about 1e4.
let spdSystem =
    gen {
        let! n = Gen.choose (1, 12)
        let! b = Gen.arrayOfLength n (floatsIn n -1.0 1.0)
        let! mu = Gen.elements [ 1e-4; 1e-2; 1.0 ]
        let a = Array.init n (fun i -> Array.init n (fun j -> (Array.init n (fun k -> b.[k].[i] * b.[k].[j]) |> Array.sum) + (if i = j then mu else 0.0)))
        let! rhs = floatsIn n -1.0 1.0
        let! iterations = Gen.choose (1, 15)
        let! residualTolerance = Gen.elements [ 0.0; 1e-10; 1e-6 ]
        return { A = a; B = rhs; MaxIterations = iterations; ResidualTolerance = residualTolerance }
    }

let stopOf (stop: CoreStop) =
    match stop with
    | CoreStop.Converged -> CgStop.Converged
    | CoreStop.NonPositiveCurvature -> CgStop.NonPositiveCurvature
    | _ -> CgStop.IterationLimit

[<Fact>]
let ``Solve matches the spec on random SPD systems`` () =
    Properties.check 300 spdSystem (fun s ->
        let spec = ConjugateGradient.solve (Vector.matVec s.A) s.B s.MaxIterations s.ResidualTolerance
        let x, engine = Engine.conjugateGradient s.A s.B s.MaxIterations s.ResidualTolerance
        Tolerance.checkExact "cg.stop" spec.Stop (stopOf engine.Stop)
        Tolerance.checkExact "cg.iterations" spec.Iterations engine.Iterations
        // each residual to its own precision: they fall by orders of magnitude
        Array.iteri2 (fun i e a -> Tolerance.check (sprintf "cg.residuals[%d]" i) tolerance [| e |] [| a |]) (Array.ofList spec.Residuals) engine.ResidualNorms
        Tolerance.check "cg.step" tolerance spec.X x)

[<Fact>]
let ``Solve finds the known solution of a 3x3 SPD system`` () =
    // A = [[4,1,0],[1,3,1],[0,1,2]], b = [1,2,3]: det A = 18, x = A⁻¹b = [2/9, 1/9, 13/9]
    let a = [| [| 4.0; 1.0; 0.0 |]; [| 1.0; 3.0; 1.0 |]; [| 0.0; 1.0; 2.0 |] |]
    let b = [| 1.0; 2.0; 3.0 |]
    let expected = [| 2.0 / 9.0; 1.0 / 9.0; 13.0 / 9.0 |]
    let spec = ConjugateGradient.solve (Vector.matVec a) b 10 1e-20
    let x, engine = Engine.conjugateGradient a b 10 1e-20
    Tolerance.check "spec x" 1e-15 expected spec.X
    Tolerance.check "engine x" 1e-15 expected x
    // CG on a 3×3 SPD system converges in at most 3 iterations (Nocedal and Wright, Theorem 5.1)
    Assert.InRange(spec.Iterations, 1, 3)
    Assert.Equal(spec.Iterations, engine.Iterations)
    Assert.Equal(CgStop.Converged, spec.Stop)
    Assert.Equal(CoreStop.Converged, engine.Stop)

[<Fact>]
let ``Solve stops at non-positive curvature on an indefinite matrix`` () =
    let a = [| [| 1.0; 0.0 |]; [| 0.0; -1.0 |] |]
    let b = [| 0.0; 1.0 |] // p_0 = b lies in the negative eigenspace
    let spec = ConjugateGradient.solve (Vector.matVec a) b 10 1e-10
    let x, engine = Engine.conjugateGradient a b 10 1e-10
    Assert.Equal(CgStop.NonPositiveCurvature, spec.Stop)
    Assert.Equal(CoreStop.NonPositiveCurvature, engine.Stop)
    Assert.Equal(0, spec.Iterations)
    Assert.Equal<float[]>(spec.X, x)
