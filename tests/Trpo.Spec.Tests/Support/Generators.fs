/// FsCheck generators of small random networks, parameters, batches and hyperparameters in their valid ranges.
module Trpo.Spec.Tests.Generators


open FsCheck.FSharp
open Trpo.Spec

/// A double uniform on [0, 1) with 53 random bits.
let unit = Gen.choose64 (0L, (1L <<< 53) - 1L) |> Gen.map (fun k -> float k / 9007199254740992.0)

/// A double uniform on [lo, hi).
let floatIn lo hi = unit |> Gen.map (fun u -> lo + (hi - lo) * u)

/// n doubles uniform on [lo, hi).
let floatsIn n lo hi = Gen.arrayOfLength n (floatIn lo hi)

/// 1–3 hidden layers of widths 1–16.
let hiddenSizes =
    gen {
        let! layers = Gen.choose (1, 3)
        return! Gen.listOfLength layers (Gen.choose (1, 16))
    }

/// Parameters for a layout: weights uniform on ±1.5/sqrt(fan_in) (a little wider than PyTorch's default so that
/// tanh units reach their curved region), biases on ±0.5.
let parametersFor (net: MlpLayout) =
    gen {
        let! layers =
            Gen.collectToList
                (fun l ->
                    let nIn, nOut = Mlp.layerShape net l
                    let bound = 1.5 / sqrt (float nIn)
                    Gen.zip (floatsIn (nIn * nOut) -bound bound) (floatsIn nOut -0.5 0.5)
                    |> Gen.map (fun (w, b) -> Array.append w b))
                [ 0 .. Mlp.layerCount net - 1 ]
        return Array.concat layers
    }

/// A network: input width 1–5, random hidden layers, the given output width, and its parameters.
let networkWith outputSize =
    gen {
        let! inputSize = Gen.choose (1, 5)
        let! hidden = hiddenSizes
        let net = Mlp.layout inputSize hidden outputSize
        let! theta = parametersFor net
        return net, hidden, theta
    }

/// Discrete with 1–4 actions or continuous with 1–4 dimensions.
let actionKind =
    gen {
        let! discrete = Gen.elements [ true; false ]
        let! n = Gen.choose (1, 4)
        return if discrete then Discrete n else Continuous n
    }

/// A random policy and θ: network parameters, then log σ uniform on [−1.5, 0.5] for a continuous policy.
type PolicyCase =
    { Policy: Policy
      Hidden: int list
      Theta: float[] }

let policyCaseOf kinds =
    gen {
        let! kind = kinds
        let d =
            match kind with
            | Discrete k -> k
            | Continuous d
            | StateDependent d -> d
        let! net, hidden, networkTheta = networkWith d
        let! logStd =
            match kind with
            | Discrete _ -> Gen.constant [||]
            | Continuous d -> floatsIn d -1.5 0.5
            | StateDependent d -> floatsIn (List.last hidden * d) -1.5 0.5
        return { Policy = { Network = net; Kind = kind }; Hidden = hidden; Theta = Array.append networkTheta logStd }
    }

/// A random categorical or diagonal-Gaussian policy.
let policyCase = policyCaseOf actionKind

/// A random gSDE policy with 1–4 action dimensions: log σ_ij uniform on [−1.5, 0.5].
let gsdePolicyCase = policyCaseOf (Gen.choose (1, 4) |> Gen.map StateDependent)

/// An action for a policy: an index for discrete, a point in [−3, 3]^d for continuous.
let actionFor (kind: ActionKind) =
    match kind with
    | Discrete k -> Gen.choose (0, k - 1) |> Gen.map (fun a -> [| float a |])
    | Continuous d
    | StateDependent d -> floatsIn d -3.0 3.0

/// A batch of rows: observations in [−2, 2], actions, advantages in [−2, 2].
type PolicyBatch =
    { Observations: float[][]
      Actions: float[][]
      Advantages: float[] }

let policyBatch (p: PolicyCase) rows =
    gen {
        let inputSize = p.Policy.Network.Sizes.[0]
        let! observations = Gen.arrayOfLength rows (floatsIn inputSize -2.0 2.0)
        let! actions = Gen.arrayOfLength rows (actionFor p.Policy.Kind)
        let! advantages = floatsIn rows -2.0 2.0
        return { Observations = observations; Actions = actions; Advantages = advantages }
    }

/// How each step of a segment ends: mostly Continues, some terminations and truncations (with a bootstrap value),
/// the last step always ending the segment.
let segmentEnds length =
    let ending =
        Gen.frequency
            [ 8, Gen.constant Continues
              1, Gen.constant Terminated
              1, floatIn -5.0 5.0 |> Gen.map Truncated ]
    let last = Gen.oneof [ Gen.constant Terminated; floatIn -5.0 5.0 |> Gen.map Truncated ]
    Gen.map2 (fun (body: StepEnd<float>[]) l -> Array.append body [| l |]) (Gen.arrayOfLength (length - 1) ending) last

/// γ and λ in [0, 1], with the ends 0 and 1 themselves drawn often (they are the known-answer cases).
let unitInterval = Gen.frequency [ 1, Gen.constant 0.0; 1, Gen.constant 1.0; 6, floatIn 0.0 1.0 ]
