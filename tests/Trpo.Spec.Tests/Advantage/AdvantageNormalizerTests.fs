module Trpo.Spec.Tests.Advantage.AdvantageNormalizerTests

open FsCheck.FSharp
open Xunit
open Trpo.Spec
open Trpo.Spec.Tests
open Trpo.Spec.Tests.Generators

/// Mean and population std in two different summation orders: rounding of order N·eps, N ≤ 200.
let tolerance = 1e-12

[<Fact>]
let ``Normalize matches the spec on random batches`` () =
    let batch =
        gen {
            let! n = Gen.choose (1, 200)
            let! offset = floatIn -10.0 10.0
            let! spread = Gen.elements [ 0.0; 1e-3; 1.0; 50.0 ]
            let! a = floatsIn n -1.0 1.0
            return a |> Array.map (fun x -> offset + spread * x)
        }
    Properties.check 200 batch (fun a ->
        Tolerance.check "normalized_advantages" tolerance (AdvantageNormalizer.normalize a) (Engine.normalize a))

[<Fact>]
let ``Normalize uses the population standard deviation`` () =
    // [1, 3]: mean 2, population std 1 (the sample std would be sqrt 2)
    let expected = [| -1.0 / (1.0 + 1e-8); 1.0 / (1.0 + 1e-8) |]
    Tolerance.check "engine" 1e-16 expected (Engine.normalize [| 1.0; 3.0 |])
    Tolerance.check "spec" 1e-16 expected (AdvantageNormalizer.normalize [| 1.0; 3.0 |])

[<Fact>]
let ``Normalize maps a constant batch to zeros`` () =
    Assert.Equal<float[]>([| 0.0; 0.0; 0.0 |], Engine.normalize [| 5.0; 5.0; 5.0 |])
    Assert.Equal<float[]>([| 0.0; 0.0; 0.0 |], AdvantageNormalizer.normalize [| 5.0; 5.0; 5.0 |])
