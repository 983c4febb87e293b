/// The C# engine called on spec-shaped inputs (jagged rows flattened row-major, unions turned into flags).
module Trpo.Spec.Tests.Engine

open System
open Trpo.Spec
type CoreActionKind = Trpo.Core.Environments.ActionKind
type CoreMlp = Trpo.Core.Policies.Mlp
type CorePolicy = Trpo.Core.Policies.StochasticPolicy

/// Rows concatenated, row-major.
let flatten (rows: float[][]) = Array.concat rows

/// The engine's network for a spec layout.
let mlp (net: MlpLayout) =
    CoreMlp(net.Sizes.[0], net.Sizes.[1 .. net.Sizes.Length - 2], net.Sizes.[net.Sizes.Length - 1])

/// The engine's policy for a spec policy.
let policy (p: Policy) =
    let hidden = p.Network.Sizes.[1 .. p.Network.Sizes.Length - 2]
    match p.Kind with
    | Discrete k -> CorePolicy(p.Network.Sizes.[0], CoreActionKind.Discrete, k, hidden)
    | Continuous d -> CorePolicy(p.Network.Sizes.[0], CoreActionKind.Continuous, d, hidden)
    | StateDependent d -> CorePolicy(p.Network.Sizes.[0], CoreActionKind.Continuous, d, hidden, true)

/// Gae.Compute on one segment: (deltas, advantages, targets).
let gae gamma lambda (rewards: float[]) (values: float[]) (ends: StepEnd<float>[]) =
    let n = rewards.Length
    let terminated = ends |> Array.map (fun e -> e = Terminated)
    let truncated = ends |> Array.map (function Truncated _ -> true | _ -> false)
    let bootstrap = ends |> Array.map (function Truncated b -> b | _ -> 0.0)
    let deltas, advantages, targets = Array.zeroCreate n, Array.zeroCreate n, Array.zeroCreate n
    Trpo.Core.Advantage.Gae.Compute(
        ReadOnlySpan rewards, ReadOnlySpan values, ReadOnlySpan terminated, ReadOnlySpan truncated, ReadOnlySpan bootstrap,
        gamma, lambda, Span deltas, Span advantages, Span targets)
    deltas, advantages, targets

/// AdvantageNormalizer.Normalize.
let normalize (a: float[]) =
    let out = Array.zeroCreate a.Length
    Trpo.Core.Advantage.AdvantageNormalizer.Normalize(ReadOnlySpan a, Span out)
    out

/// Mlp.Forward over a batch of rows: one output row per input row.
let forward (net: MlpLayout) (theta: float[]) (inputs: float[][]) =
    let m = mlp net
    let ws = m.CreateWorkspace(inputs.Length)
    let out = m.Forward(ReadOnlySpan theta, ReadOnlySpan(flatten inputs), inputs.Length, ws).ToArray()
    Array.chunkBySize m.OutputSize out

/// Mlp.Backward after Forward: Σ_n (∂ℓ/∂out_n)ᵀ ∂out_n/∂θ for output gradients u_n.
let backward (net: MlpLayout) (theta: float[]) (inputs: float[][]) (outputGradients: float[][]) =
    let m = mlp net
    let ws = m.CreateWorkspace(inputs.Length)
    m.Forward(ReadOnlySpan theta, ReadOnlySpan(flatten inputs), inputs.Length, ws).IsEmpty |> ignore
    let g = Array.zeroCreate m.ParameterCount
    m.Backward(ReadOnlySpan theta, ReadOnlySpan(flatten outputGradients), inputs.Length, ws, Span g)
    g

/// Mlp.JacobianVectorProduct after Forward: J_n v per row.
let jacobianVectorProduct (net: MlpLayout) (theta: float[]) (inputs: float[][]) (v: float[]) =
    let m = mlp net
    let ws = m.CreateWorkspace(inputs.Length)
    m.Forward(ReadOnlySpan theta, ReadOnlySpan(flatten inputs), inputs.Length, ws).IsEmpty |> ignore
    m.JacobianVectorProduct(ReadOnlySpan theta, ReadOnlySpan v, inputs.Length, ws).ToArray() |> Array.chunkBySize m.OutputSize

/// The policy's distribution parameters per row, and the log-std part of θ.
let private evaluate (p: Policy) (theta: float[]) (observations: float[][]) =
    let cp = policy p
    let ws = cp.CreateWorkspace(observations.Length)
    let outputs = cp.Evaluate(ReadOnlySpan theta, ReadOnlySpan(flatten observations), observations.Length, ws).ToArray()
    cp, ws, outputs, cp.LogStd(ReadOnlySpan theta).ToArray()

/// StochasticPolicy.LogProbs.
let logProbs (p: Policy) (theta: float[]) (observations: float[][]) (actions: float[][]) =
    let cp, _, outputs, logStd = evaluate p theta observations
    let result = Array.zeroCreate observations.Length
    cp.LogProbs(ReadOnlySpan outputs, ReadOnlySpan logStd, ReadOnlySpan(flatten actions), observations.Length, Span result)
    result

/// StochasticPolicy.MeanEntropy.
let meanEntropy (p: Policy) (theta: float[]) (observations: float[][]) =
    let cp, _, outputs, logStd = evaluate p theta observations
    cp.MeanEntropy(ReadOnlySpan outputs, ReadOnlySpan logStd, observations.Length)

/// StochasticPolicy.MeanKl(π_old ‖ π_θ).
let meanKl (p: Policy) (thetaOld: float[]) (observations: float[][]) (theta: float[]) =
    let cp, _, oldOutputs, oldLogStd = evaluate p thetaOld observations
    let _, _, newOutputs, newLogStd = evaluate p theta observations
    cp.MeanKl(ReadOnlySpan oldOutputs, ReadOnlySpan oldLogStd, ReadOnlySpan newOutputs, ReadOnlySpan newLogStd, observations.Length)

/// StochasticPolicy.WeightedLogProbGradient with weights Â_n / N: the policy gradient.
let policyGradient (p: Policy) (theta: float[]) (observations: float[][]) (actions: float[][]) (advantages: float[]) =
    let cp, ws, outputs, _ = evaluate p theta observations
    let n = observations.Length
    let weights = advantages |> Array.map (fun a -> a / float n)
    let g = Array.zeroCreate cp.ParameterCount
    let scratch = Array.zeroCreate (n * cp.ActionSize)
    cp.WeightedLogProbGradient(ReadOnlySpan theta, ReadOnlySpan outputs, ReadOnlySpan(flatten actions), ReadOnlySpan weights, n, ws, Span scratch, Span g)
    g

/// StochasticPolicy.FisherVectorProduct at θ_old for each of the vectors.
let fisherVectorProducts (p: Policy) (thetaOld: float[]) (observations: float[][]) (damping: float) (vs: float[] list) =
    let cp, ws, outputs, _ = evaluate p thetaOld observations
    let n = observations.Length
    vs
    |> List.map (fun v ->
        let result = Array.zeroCreate cp.ParameterCount
        cp.FisherVectorProduct(ReadOnlySpan thetaOld, ReadOnlySpan outputs, n, ws, ReadOnlySpan v, damping, Span result)
        result)

/// The engine's damped Fisher matrix, column by column: (F + cI) e_i.
let fisherMatrix (p: Policy) (thetaOld: float[]) (observations: float[][]) (damping: float) =
    let n = StochasticPolicy.parameterCount p
    let basis = [ for i in 0 .. n - 1 -> Array.init n (fun j -> if i = j then 1.0 else 0.0) ]
    let columns = fisherVectorProducts p thetaOld observations damping basis |> Array.ofList
    Array.init n (fun i -> Array.init n (fun j -> columns.[j].[i]))

/// ConjugateGradient.Solve with a matrix as the operator.
let conjugateGradient (a: float[][]) (b: float[]) maxIterations tolerance =
    let x = Array.zeroCreate b.Length
    let op =
        Trpo.Core.Optimization.LinearOperator(fun v result ->
            let av = Vector.matVec a (v.ToArray())
            av.CopyTo(result))
    let result = Trpo.Core.Optimization.ConjugateGradient.Solve(op, ReadOnlySpan b, Span x, maxIterations, tolerance)
    x, result
