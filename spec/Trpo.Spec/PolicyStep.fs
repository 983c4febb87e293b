namespace Trpo.Spec

/// The trust-region hyperparameters (Spinning Up's names; TrpoOptions in the engine).
type TrustRegionConfig =
    { /// δ, the KL limit.
      Delta: float
      /// c in (F + c I).
      DampingCoeff: float
      /// Conjugate-gradient iterations.
      CgIters: int
      /// CG stops once r·r falls below this.
      CgResidualTol: float
      /// Line-search attempts.
      BacktrackIters: int
      /// Line-search shrink factor.
      BacktrackCoeff: float }

/// Why a policy step was skipped before the line search (design.md, "Guard every step").
type SkipReason =
    | NonFiniteGradient
    | NonFiniteSearchDirection
    | NonPositiveCurvature of xFx: float
    | NonFiniteStepSize of beta: float

/// Every intermediate of one policy step, in the order computed (design.md, steps 3–7).
type PolicyStepTrace =
    { /// log π_old(a_n|s_n).
      OldLogProbs: float[]
      /// (1/N) Σ_n H(π_old(·|s_n)).
      Entropy: float
      /// L(θ_old) = mean(Â).
      SurrogateBefore: float
      /// g = ∇L(θ_old).
      Gradient: float[]
      /// Conjugate gradient on (F + cI) x = g (None when skipped before it).
      Cg: CgResult option
      /// x ≈ (F + cI)⁻¹ g (None when skipped before CG).
      SearchDirection: float[] option
      /// xᵀ(F + cI)x, NaN when not computed.
      Curvature: float
      /// β, NaN when not computed.
      StepSize: float
      /// The line search (None when skipped).
      LineSearch: LineSearch option
      Skip: SkipReason option
      /// θ_new: θ_old + fraction β x, or θ_old when rejected or skipped.
      NewParameters: float[] }

/// A value in a trace: numbers, flags or text.
type TraceValue =
    | Numbers of float[]
    | Flags of bool[]
    | Text of string

/// One TRPO policy update: maximise L^IS(θ) subject to D̄_KL(θ_old, θ) ≤ δ (Schulman et al. 2015, eq. 14)
/// by a natural-gradient step found with conjugate gradient and a backtracking line search (appendix C).
/// Pairs with Trpo.Core.Training.PolicyStep.
[<RequireQualifiedAccess>]
module PolicyStep =

    /// The batch a policy step works on: s_n, a_n, Â_n and log π_old(a_n|s_n).
    type Batch =
        { Observations: float[][]
          Actions: float[][]
          Advantages: float[]
          OldLogProbs: float[] }

    /// The batch with log π_old computed at θ_old.
    let batch (policy: Policy) (thetaOld: float[]) observations actions advantages =
        { Observations = observations
          Actions = actions
          Advantages = advantages
          OldLogProbs = StochasticPolicy.logProbs policy thetaOld observations actions }

    /// θ_j = θ_old + fraction · β x.
    let trial (thetaOld: float[]) (beta: float) (x: float[]) (fraction: float) = Vector.addScaled thetaOld (fraction * beta) x

    /// (D̄_KL(θ_old, θ), L^IS(θ) − L^IS(θ_old)) of a trial θ.
    let evaluateTrial (policy: Policy) (thetaOld: float[]) (b: Batch) (theta: float[]) =
        let l = Surrogate.value policy b.OldLogProbs b.Observations b.Actions b.Advantages
        StochasticPolicy.meanKl policy thetaOld b.Observations theta, l theta - l thetaOld

    /// The backtracking line search along β x (steps 7 of design.md).
    let lineSearch (c: TrustRegionConfig) (policy: Policy) (thetaOld: float[]) (b: Batch) (beta: float) (x: float[]) =
        BacktrackingLineSearch.run c.BacktrackIters c.BacktrackCoeff c.Delta (trial thetaOld beta x >> evaluateTrial policy thetaOld b)

    /// θ_new: the accepted trial, or θ_old when the search was rejected.
    let newParameters (thetaOld: float[]) (beta: float) (x: float[]) (search: LineSearch) =
        match search.Outcome with
        | Accepted(f, _, _) -> trial thetaOld beta x f
        | Rejected -> thetaOld

    /// The step on a batch of observations, actions and (normalised) advantages: g, then x ≈ (F + cI)⁻¹ g by
    /// conjugate gradient, β, the line search, each guarded as design.md says.
    let run (c: TrustRegionConfig) (policy: Policy) (thetaOld: float[]) (observations: float[][]) (actions: float[][]) (advantages: float[]) =
        let b = batch policy thetaOld observations actions advantages
        let before =
            { OldLogProbs = b.OldLogProbs
              Entropy = StochasticPolicy.meanEntropy policy thetaOld observations
              SurrogateBefore = Surrogate.value policy b.OldLogProbs observations actions advantages thetaOld
              Gradient = [||]
              Cg = None
              SearchDirection = None
              Curvature = nan
              StepSize = nan
              LineSearch = None
              Skip = None
              NewParameters = thetaOld }
        // g = ∇_θ L^IS(θ_old)
        let g = Surrogate.gradient policy thetaOld observations actions advantages
        if not (Vector.allFinite g) then { before with Gradient = g; Skip = Some NonFiniteGradient }
        else
            // F + cI from explicit per-row Jacobians; x ≈ (F + cI)⁻¹ g
            let fisher = FisherVectorProduct.at policy thetaOld observations c.DampingCoeff
            let cg = ConjugateGradient.solve (FisherVectorProduct.apply fisher) g c.CgIters c.CgResidualTol
            let x = cg.X
            let withCg = { before with Gradient = g; Cg = Some cg; SearchDirection = Some x }
            if not (Vector.allFinite x) then { withCg with Skip = Some NonFiniteSearchDirection }
            else
                let xFx = Vector.dot x (FisherVectorProduct.apply fisher x)
                if not (xFx > 0.0 && System.Double.IsFinite xFx) then { withCg with Curvature = xFx; Skip = Some(NonPositiveCurvature xFx) }
                else
                    let beta = StepSize.beta c.Delta xFx
                    if not (System.Double.IsFinite beta) then { withCg with Curvature = xFx; StepSize = beta; Skip = Some(NonFiniteStepSize beta) }
                    else
                        let search = lineSearch c policy thetaOld b beta x
                        { withCg with
                            Curvature = xFx
                            StepSize = beta
                            LineSearch = Some search
                            NewParameters = newParameters thetaOld beta x search }

    /// The engine's text for a CG stop reason (ConjugateGradientStop).
    let stopName =
        function
        | CgStop.IterationLimit -> "IterationLimit"
        | CgStop.Converged -> "Converged"
        | CgStop.NonPositiveCurvature -> "NonPositiveCurvature"

    /// A skip reason as the engine words it, up to the number it quotes.
    let skipName =
        function
        | NonFiniteGradient -> "non-finite policy gradient"
        | NonFiniteSearchDirection -> "non-finite search direction"
        | SkipReason.NonPositiveCurvature _ -> "non-positive curvature x^T F x"
        | NonFiniteStepSize _ -> "non-finite step size beta"

    /// The step's quantities under the engine's trace names (EpochTraceRecorder), in the same order.
    let quantities (p: PolicyStepTrace) =
        [ "old_log_probs", Numbers p.OldLogProbs
          "entropy", Numbers [| p.Entropy |]
          "surrogate_before", Numbers [| p.SurrogateBefore |]
          "policy_gradient", Numbers p.Gradient
          match p.Cg with
          | Some cg ->
              "cg.residuals", Numbers(Array.ofList cg.Residuals)
              "cg.stop", Text(stopName cg.Stop)
          | None -> ()
          match p.SearchDirection with
          | Some x -> "cg.step", Numbers x
          | None -> ()
          "curvature", Numbers [| p.Curvature |]
          "step_size", Numbers [| p.StepSize |]
          match p.LineSearch with
          | Some search ->
              let attempts = Array.ofList search.Attempts
              "line_search.fraction", Numbers(attempts |> Array.map (fun a -> a.Fraction))
              "line_search.kl", Numbers(attempts |> Array.map (fun a -> a.Kl))
              "line_search.improvement", Numbers(attempts |> Array.map (fun a -> a.Improvement))
              "line_search.accepted", Flags(attempts |> Array.map (fun a -> a.Accepted))
              "accepted_step_fraction", Numbers [| BacktrackingLineSearch.acceptedFraction search |]
          | None -> "accepted_step_fraction", Numbers [| 0.0 |]
          "skip_reason", Text(p.Skip |> Option.map skipName |> Option.defaultValue "-")
          "policy.parameters", Numbers p.NewParameters ]
