module Trpo.Spec.Tests.Policies.MlpTests

open FsCheck.FSharp
open Xunit
open Trpo.Spec
open Trpo.Spec.Tests
open Trpo.Spec.Tests.Generators

/// Forward: the same sums and System.Math.Tanh instead of DetMath.Tanh (both within an ulp or two); three layers
/// of at most 16 terms, and an output whose terms cancel holds only their precision (measured: 4e-14).
let forwardTolerance = 1e-12

/// Hand-written backprop against automatic differentiation: every rounding differs; ≤ 3 layers.
let derivativeTolerance = 1e-12

type NetworkCase =
    { Net: MlpLayout
      Theta: float[]
      Inputs: float[][]
      OutputGradients: float[][]
      Tangent: float[] }

let networkCase =
    gen {
        let! outputs = Gen.choose (1, 4)
        let! net, _, theta = networkWith outputs
        let! rows = Gen.choose (1, 8)
        let! inputs = Gen.arrayOfLength rows (floatsIn net.Sizes.[0] -2.0 2.0)
        let! u = Gen.arrayOfLength rows (floatsIn outputs -1.0 1.0)
        let! v = floatsIn theta.Length -1.0 1.0
        return { Net = net; Theta = theta; Inputs = inputs; OutputGradients = u; Tangent = v }
    }

[<Fact>]
let ``Forward matches the spec on random networks`` () =
    Properties.check 200 networkCase (fun c ->
        let engine = Engine.forward c.Net c.Theta c.Inputs
        c.Inputs |> Array.iteri (fun n s -> Tolerance.check (sprintf "outputs[row %d]" n) forwardTolerance (Mlp.forward c.Net c.Theta s) engine.[n]))

[<Fact>]
let ``Backward matches the automatic gradient of the weighted outputs`` () =
    Properties.check 120 networkCase (fun c ->
        // ℓ(θ) = Σ_n u_n · f_θ(s_n), differentiated by the spec's reverse mode
        let loss (theta: Var[]) =
            Array.map2 (fun s (u: float[]) -> Array.fold2 (fun (acc: Var) o ui -> acc + o * ui) Var.Zero (Mlp.forwardVar c.Net theta s) u) c.Inputs c.OutputGradients
            |> Array.fold (+) Var.Zero
        Tolerance.check "gradient" derivativeTolerance (Ad.gradient loss c.Theta) (Engine.backward c.Net c.Theta c.Inputs c.OutputGradients))

[<Fact>]
let ``JacobianVectorProduct matches the spec's directional derivative`` () =
    Properties.check 200 networkCase (fun c ->
        let engine = Engine.jacobianVectorProduct c.Net c.Theta c.Inputs c.Tangent
        c.Inputs |> Array.iteri (fun n s ->
            Tolerance.check (sprintf "J v[row %d]" n) derivativeTolerance (Mlp.jacobianVectorProduct c.Net c.Theta s c.Tangent) engine.[n]))

[<Fact>]
let ``The spec reads the engine's parameter layout`` () =
    // 2 inputs → 1 output, no hidden tanh in the way: θ = [W_00, W_01 | b_0] with W_jk at k·out + j
    let net = Mlp.layout 2 [] 1
    Assert.Equal(3, Mlp.parameterCount net)
    Assert.Equal<float[]>([| 2.0 * 3.0 + 5.0 * 7.0 + 11.0 |], Mlp.forward net [| 3.0; 7.0; 11.0 |] [| 2.0; 5.0 |])
    Assert.Equal<float[]>([| 2.0 * 3.0 + 5.0 * 7.0 + 11.0 |], (Engine.forward net [| 3.0; 7.0; 11.0 |] [| [| 2.0; 5.0 |] |]).[0])
    // a 1 → 2 → 1 net: the hidden layer is tanh, the head linear
    let deep = Mlp.layout 1 [ 2 ] 1
    let theta = [| 0.5; -0.25; 0.1; 0.2; 3.0; -2.0; 0.7 |]
    let expected = 3.0 * tanh (0.5 * 1.5 + 0.1) - 2.0 * tanh (-0.25 * 1.5 + 0.2) + 0.7
    Tolerance.checkScalar "spec" 1e-15 expected (Mlp.forward deep theta [| 1.5 |]).[0]
    Tolerance.checkScalar "engine" 1e-15 expected (Engine.forward deep theta [| [| 1.5 |] |]).[0].[0]
