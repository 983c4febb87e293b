namespace Trpo.Spec

/// One environment's contiguous stretch of the batch.
type Segment =
    { /// s_t
      Observations: float[][]
      /// a_t ([| index |] for discrete actions)
      Actions: float[][]
      /// r_t
      Rewards: float[]
      /// How each step ended; a cut carries the next observation s_{t+1}, whose value is the bootstrap.
      Ends: StepEnd<float[]>[] }

/// The hyperparameters of one update (the engine's TrpoOptions, less those of collection and initialisation).
type UpdateConfig =
    { Gamma: float
      Lambda: float
      NormalizeAdvantages: bool
      TrustRegion: TrustRegionConfig
      Adam: AdamConfig }

/// Everything one TRPO update computes, in algorithm order: the quantities of design.md's "Golden traces"
/// after the batch itself.
type UpdateTrace =
    { Rewards: float[]
      Terminated: bool[]
      /// Cut by the time limit or by the end of the batch (bootstrapped).
      Cut: bool[]
      /// V(s_t)
      Values: float[]
      /// V(s_{t+1}) where an episode was cut, 0 elsewhere
      BootstrapValues: float[]
      TdResiduals: float[]
      Advantages: float[]
      NormalizedAdvantages: float[]
      ValueTargets: float[]
      /// Mean squared error of V on the targets, before fitting.
      ValueLoss: float
      ExplainedVariance: float
      Policy: PolicyStepTrace
      Value: ValueFit }

/// One whole TRPO update on a given batch (design.md, "One iteration", steps 2–8), and its trace under the
/// engine's quantity names. Pairs with Trpo.Core.Training.Trainer.RunEpoch (after collection) and
/// Trpo.Core.Tracing.EpochTraceRecorder.
[<RequireQualifiedAccess>]
module Update =

    /// Runs the update: critic values and GAE per segment, targets, advantage normalisation, the policy step
    /// and the value fit over the given minibatch schedule (row indices into the batch, env-major).
    let run (c: UpdateConfig) (policy: Policy) (valueNet: MlpLayout) (theta: float[]) (phi: float[]) (adam: AdamState) (segments: Segment list) (schedule: int[] list) =
        let v = ValueFunction.predict valueNet phi
        let gae =
            segments
            |> List.map (fun seg ->
                let values = seg.Observations |> Array.map v
                let ends =
                    seg.Ends |> Array.map (function
                        | Continues -> Continues
                        | Terminated -> Terminated
                        | Truncated next -> Truncated(v next))
                values, ends, Gae.compute c.Gamma c.Lambda seg.Rewards values ends)
        let concat f = gae |> List.map f |> Array.concat
        let rows f = segments |> List.map f |> Array.concat
        let values = concat (fun (values, _, _) -> values)
        let bootstrap = concat (fun (_, ends, _) -> ends |> Array.map (function Truncated b -> b | _ -> 0.0))
        let deltas = concat (fun (_, _, r) -> r.Deltas)
        let advantages = concat (fun (_, _, r) -> r.Advantages)
        let targets = concat (fun (_, _, r) -> r.Targets)
        let observations = rows (fun s -> s.Observations)
        let actions = rows (fun s -> s.Actions)
        let normalized = if c.NormalizeAdvantages then AdvantageNormalizer.normalize advantages else advantages
        let policyStep = PolicyStep.run c.TrustRegion policy theta observations actions normalized
        let valueFit = ValueFunction.fit valueNet c.Adam adam phi observations targets schedule
        { Rewards = rows (fun s -> s.Rewards)
          Terminated = rows (fun s -> s.Ends |> Array.map (fun e -> e = Terminated))
          Cut = rows (fun s -> s.Ends |> Array.map (function Truncated _ -> true | _ -> false))
          Values = values
          BootstrapValues = bootstrap
          TdResiduals = deltas
          Advantages = advantages
          NormalizedAdvantages = normalized
          ValueTargets = targets
          ValueLoss = ValueFunction.loss values targets
          ExplainedVariance = ValueFunction.explainedVariance values targets
          Policy = policyStep
          Value = valueFit }

    /// The trace as (name, value) pairs under the engine's names (EpochTraceRecorder), in the same order, from
    /// the batch's rewards and terminations on. The batch's hashes and episode returns describe collection, not the
    /// update; the engine's batch.truncated is the environment's time-limit flag, while the spec only knows that an
    /// episode was cut (by the time limit or by the end of the batch: both bootstrap).
    let quantities (t: UpdateTrace) =
        [ "batch.rewards", Numbers t.Rewards
          "batch.terminated", Flags t.Terminated
          "values", Numbers t.Values
          "bootstrap_values", Numbers t.BootstrapValues
          "td_residuals", Numbers t.TdResiduals
          "advantages", Numbers t.Advantages
          "normalized_advantages", Numbers t.NormalizedAdvantages
          "value_targets", Numbers t.ValueTargets
          "value_loss", Numbers [| t.ValueLoss |]
          "explained_variance", Numbers [| t.ExplainedVariance |] ]
        @ PolicyStep.quantities t.Policy
        @ [ "value_fit.losses", Numbers t.Value.Losses
            "value.parameters", Numbers t.Value.Parameters ]
