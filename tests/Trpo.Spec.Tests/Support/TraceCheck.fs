/// Quantity-by-quantity comparison of an engine trace with the spec's, reporting the first quantity and index
/// that differ beyond that quantity's tolerance.
module Trpo.Spec.Tests.TraceCheck

open System
open System.Globalization
open Trpo.Spec
open Trpo.Core.Training
open Trpo.Core.Tracing

/// How one quantity is compared.
type Rule =
    { /// Largest allowed error.
      Tolerance: float
      /// The error is measured against max(‖spec‖∞, Floor) (Tolerance.checkAt) ...
      Floor: float
      /// ... or element by element, |engine_i − spec_i| / max(|spec_i|, Floor), when each element carries its own
      /// precision (CG's residuals fall by orders of magnitude).
      Elementwise: bool }

/// The engine's PolicyStepResult as trace quantities (EpochTraceRecorder's names and order).
let ofPolicyStep (step: PolicyStepResult) (newParameters: float[]) =
    [ "old_log_probs", Numbers step.OldLogProbs
      "entropy", Numbers [| step.Entropy |]
      "surrogate_before", Numbers [| step.SurrogateBefore |]
      "policy_gradient", Numbers step.Gradient
      if not (isNull step.ConjugateGradient) then
          "cg.residuals", Numbers step.ConjugateGradient.ResidualNorms
          "cg.stop", Text(step.ConjugateGradient.Stop.ToString())
      if not (isNull step.SearchDirection) then "cg.step", Numbers step.SearchDirection
      "curvature", Numbers [| step.Curvature |]
      "step_size", Numbers [| step.StepSize |]
      if not (isNull step.LineSearch) then
          let attempts = Array.ofSeq step.LineSearch.Attempts
          "line_search.fraction", Numbers(attempts |> Array.map (fun a -> a.Fraction))
          "line_search.kl", Numbers(attempts |> Array.map (fun a -> a.Kl))
          "line_search.improvement", Numbers(attempts |> Array.map (fun a -> a.Improvement))
          "line_search.accepted", Flags(attempts |> Array.map (fun a -> a.Accepted))
      "accepted_step_fraction", Numbers [| step.AcceptedStepFraction |]
      "skip_reason", Text(if isNull step.SkipReason then "-" else step.SkipReason)
      "policy.parameters", Numbers newParameters ]

/// An engine trace's quantities, read back from their text tokens as the kind the spec gives each name.
let ofEpochTrace (trace: EpochTrace) (kinds: Map<string, TraceValue>) =
    trace.Quantities
    |> Seq.map (fun q ->
        let tokens = Array.ofSeq q.Values
        let value =
            match Map.tryFind q.Name kinds with
            | Some(Flags _) -> Flags(tokens |> Array.map (fun t -> t = "1"))
            | Some(Numbers _) -> Numbers(tokens |> Array.map (fun t -> Double.Parse(t, CultureInfo.InvariantCulture)))
            | _ -> Text(String.Join(" ", tokens))
        q.Name, value)
    |> List.ofSeq

/// The engine words some skip reasons with the number they quote ("non-positive curvature x^T F x = -1E-05"):
/// the reason's identity is the text before " = ".
let private reasonOf (text: string) =
    match text.IndexOf " = " with
    | -1 -> text
    | i -> text.Substring(0, i)

let private compareOne (rule: Rule) (name: string) (spec: TraceValue) (engine: TraceValue) =
    match spec, engine with
    | Numbers s, Numbers e when rule.Elementwise ->
        if s.Length <> e.Length then failwithf "%s: the spec has %d values, the engine %d" name s.Length e.Length
        Array.iteri2 (fun i si ei -> Tolerance.checkAt (sprintf "%s[%d]" name i) rule.Floor rule.Tolerance [| si |] [| ei |]) s e
    | Numbers s, Numbers e -> Tolerance.checkAt name rule.Floor rule.Tolerance s e
    | Flags s, Flags e -> Tolerance.checkExact name s e
    | Text s, Text e -> Tolerance.checkExact name (reasonOf s) (reasonOf e)
    | _ -> failwithf "%s: the spec has %A, the engine %A" name spec engine

/// Compares the engine's quantities with the spec's in the engine's order, each under its rule. The engine
/// quantities named in notInSpec (collection hashes and the like) are skipped; any other quantity present on one
/// side only fails. The first quantity that differs fails the check, naming quantity and index.
let compare (rule: string -> Rule) (notInSpec: Set<string>) (spec: (string * TraceValue) list) (engine: (string * TraceValue) list) =
    let specByName = Map.ofList spec
    let engineNames = engine |> List.map fst |> Set.ofList
    for name, value in engine do
        match Map.tryFind name specByName with
        | Some s -> compareOne (rule name) name s value
        | None when notInSpec.Contains name -> ()
        | None -> failwithf "%s: in the engine's trace but not in the spec's" name
    for name, _ in spec do
        if not (engineNames.Contains name) then failwithf "%s: in the spec's trace but not in the engine's" name

/// The numbers of a quantity in an engine trace, if present.
let numbers (name: string) (engine: (string * TraceValue) list) =
    engine |> List.tryPick (fun (n, v) -> match v with Numbers x when n = name -> Some x | _ -> None)

/// <summary>
/// The spec's policy step computed stage by stage from the engine's inputs to each stage: CG on the engine's g
/// and Fisher-vector product, xᵀ(F + cI)x with the spec's F on the engine's x, β from the engine's xᵀFx, and the
/// line search along the engine's β x. Each comparison then checks one stage, free of the conditioning of the
/// stages before it: conjugate gradient amplifies differences of rounding in g and F v (1e-15) by the
/// sensitivity of its late iterates, which on these problems reaches 1e-8 relative even between two roundings of
/// the spec's own F (docs/algorithm.md, "Cross-checks"). Upstream of CG the spec runs on its own.
/// </summary>
let staged (c: TrustRegionConfig) (policy: Policy) (thetaOld: float[]) observations actions advantages
           (engineFisher: float[] -> float[]) (engine: (string * TraceValue) list) =
    let b = PolicyStep.batch policy thetaOld observations actions advantages
    let upstream =
        [ "old_log_probs", Numbers b.OldLogProbs
          "entropy", Numbers [| StochasticPolicy.meanEntropy policy thetaOld observations |]
          "surrogate_before", Numbers [| Surrogate.value policy b.OldLogProbs observations actions advantages thetaOld |]
          "policy_gradient", Numbers(Surrogate.gradient policy thetaOld observations actions advantages) ]
    let fisher = FisherVectorProduct.at policy thetaOld observations c.DampingCoeff
    let cgStage =
        match numbers "policy_gradient" engine, numbers "cg.residuals" engine with
        | Some g, Some _ ->
            let cg = ConjugateGradient.solve engineFisher g c.CgIters c.CgResidualTol
            [ "cg.residuals", Numbers(Array.ofList cg.Residuals); "cg.stop", Text(PolicyStep.stopName cg.Stop); "cg.step", Numbers cg.X ]
        | _ -> []
    let curvatureStage =
        match numbers "cg.step" engine with
        | Some x when Vector.allFinite x -> [ "curvature", Numbers [| Vector.dot x (FisherVectorProduct.apply fisher x) |] ]
        | _ -> []
    let stepStage =
        match numbers "curvature" engine with
        | Some [| xFx |] when xFx > 0.0 && System.Double.IsFinite xFx -> [ "step_size", Numbers [| StepSize.beta c.Delta xFx |] ]
        | _ -> []
    let searchStage =
        match numbers "step_size" engine, numbers "cg.step" engine, numbers "line_search.fraction" engine with
        | Some [| beta |], Some x, Some _ ->
            let search = PolicyStep.lineSearch c policy thetaOld b beta x
            let attempts = Array.ofList search.Attempts
            [ "line_search.fraction", Numbers(attempts |> Array.map (fun a -> a.Fraction))
              "line_search.kl", Numbers(attempts |> Array.map (fun a -> a.Kl))
              "line_search.improvement", Numbers(attempts |> Array.map (fun a -> a.Improvement))
              "line_search.accepted", Flags(attempts |> Array.map (fun a -> a.Accepted))
              "accepted_step_fraction", Numbers [| BacktrackingLineSearch.acceptedFraction search |]
              "policy.parameters", Numbers(PolicyStep.newParameters thetaOld beta x search) ]
        | _ -> [ "policy.parameters", Numbers thetaOld ]
    upstream @ cgStage @ curvatureStage @ stepStage @ searchStage

/// Engine quantities a staged comparison leaves to the end-to-end one: the skip decision and the trivial
/// fraction of a step that never reached the line search.
let notStaged = set [ "skip_reason"; "accepted_step_fraction"; "curvature"; "step_size" ]

/// How far conjugate gradient's x moves when only the rounding of its inputs changes: the spec's CG on its own F and g
/// against the spec's CG on the engine's F (the two products agree to ~1e-15, FisherVectorProductTests), and against
/// the spec's CG on the engine's g (when <paramref name="engineGradient"/> has it; the two agree to ~1e-16), the larger
/// spread of the two. The end-to-end comparison allows a multiple of this: it is the conditioning of the problem, not
/// of either implementation. Both inputs count: when the engine's F happens to round as the spec's does (both sum
/// per-row output sensitivities), the rounding of g alone can still move x by far more than the F spread.
let cgSensitivity (c: TrustRegionConfig) (policy: Policy) (thetaOld: float[]) observations actions advantages (engineFisher: float[] -> float[]) (engineGradient: float[] option) =
    let g = Surrogate.gradient policy thetaOld observations actions advantages
    if not (Vector.allFinite g) then 0.0
    else
        let fisher = FisherVectorProduct.at policy thetaOld observations c.DampingCoeff
        let own = ConjugateGradient.solve (FisherVectorProduct.apply fisher) g c.CgIters c.CgResidualTol
        let spreadTo (other: float[]) =
            if Vector.allFinite own.X && Vector.allFinite other then Tolerance.relativeError own.X other else 0.0
        let viaEngineFisher = ConjugateGradient.solve engineFisher g c.CgIters c.CgResidualTol
        let viaEngineGradient =
            match engineGradient with
            | Some eg when eg.Length = g.Length && Vector.allFinite eg ->
                spreadTo (ConjugateGradient.solve (FisherVectorProduct.apply fisher) eg c.CgIters c.CgResidualTol).X
            | _ -> 0.0
        let spread = max (spreadTo viaEngineFisher.X) viaEngineGradient
        Tolerance.record "cg sensitivity" spread
        spread

/// How far the line search's improvements and KLs move when x moves as in cgSensitivity: the spec's line search
/// along the spec's own x against along x solved with the engine's F (β from the spec's F for both), measured as
/// the comparison measures them (improvements at the scale of the advantages, KLs at the scale δ). A trial's
/// improvement is a mean of ratio · Â with ratio = exp(Δ log π), so it can amplify the change of x far beyond
/// cgSensitivity's measure (14 times on one generated case with improvements of 3e4); the end-to-end comparison
/// allows a multiple of this for the line search. 0 when the two searches make a different number of attempts.
let searchSensitivity (c: TrustRegionConfig) (policy: Policy) (thetaOld: float[]) observations actions advantages (engineFisher: float[] -> float[]) =
    let g = Surrogate.gradient policy thetaOld observations actions advantages
    if not (Vector.allFinite g) then 0.0
    else
        let fisher = FisherVectorProduct.at policy thetaOld observations c.DampingCoeff
        let b = PolicyStep.batch policy thetaOld observations actions advantages
        let attempts (x: float[]) =
            let xFx = if Vector.allFinite x then Vector.dot x (FisherVectorProduct.apply fisher x) else nan
            if xFx > 0.0 && System.Double.IsFinite xFx then Array.ofList (PolicyStep.lineSearch c policy thetaOld b (StepSize.beta c.Delta xFx) x).Attempts
            else [||]
        let own = attempts (ConjugateGradient.solve (FisherVectorProduct.apply fisher) g c.CgIters c.CgResidualTol).X
        let viaEngine = attempts (ConjugateGradient.solve engineFisher g c.CgIters c.CgResidualTol).X
        let advantageScale = advantages |> Array.fold (fun m a -> max m (abs a)) 0.0
        let spread =
            if own.Length = 0 || own.Length <> viaEngine.Length then 0.0
            else
                let improvements (a: LineSearchAttempt[]) = a |> Array.map (fun t -> t.Improvement)
                let kls (a: LineSearchAttempt[]) = a |> Array.map (fun t -> t.Kl)
                max (Tolerance.relativeErrorAt advantageScale (improvements own) (improvements viaEngine))
                    (Tolerance.relativeErrorAt c.Delta (kls own) (kls viaEngine))
        Tolerance.record "line search sensitivity" spread
        spread
