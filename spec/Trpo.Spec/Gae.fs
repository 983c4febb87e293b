namespace Trpo.Spec

/// How one step of an environment's segment ended.
type StepEnd<'bootstrap> =
    /// The episode goes on at t + 1 within the segment.
    | Continues
    /// The episode reached a terminal state: no future rewards, V(s_{t+1}) = 0.
    | Terminated
    /// The episode was cut (time limit, or the end of the segment) before a terminal state: its future
    /// rewards are estimated by the value of the next observation, V(s_{t+1}).
    | Truncated of bootstrap: 'bootstrap

/// GAE over one environment's segment, with its value targets.
type GaeResult =
    { /// δ_t^V = r_t + γ V(s_{t+1}) − V(s_t)
      Deltas: float[]
      /// Â_t = Σ_l (γλ)^l δ_{t+l}, the sum stopping at the episode's end
      Advantages: float[]
      /// Â_t + V(s_t), the λ-return the critic is fitted to
      Targets: float[] }

/// Generalized Advantage Estimation: Schulman, Moritz, Levine, Jordan and Abbeel, "High-Dimensional
/// Continuous Control Using Generalized Advantage Estimation", ICLR 2016. Pairs with the engine's
/// Trpo.Core.Advantage.Gae.
[<RequireQualifiedAccess>]
module Gae =

    /// V(s_{t+1}) as step t's successor value: 0 after a termination, the bootstrap value after a cut,
    /// otherwise the next row's value.
    let successorValue (values: float[]) (ends: StepEnd<float>[]) t =
        match ends.[t] with
        | Terminated -> 0.0
        | Truncated bootstrap -> bootstrap
        | Continues -> values.[t + 1]

    /// The TD residual, Schulman et al. 2016, §3:
    /// δ_t^V = r_t + γ V(s_{t+1}) − V(s_t), with V(s_{t+1}) = 0 at a terminal state.
    let tdResiduals gamma (rewards: float[]) (values: float[]) (ends: StepEnd<float>[]) =
        Array.init rewards.Length (fun t -> rewards.[t] + gamma * successorValue values ends t - values.[t])

    /// The last step of the episode that step t belongs to (its first step with an end other than Continues).
    let episodeEnd (ends: StepEnd<float>[]) t =
        seq { t .. ends.Length - 1 } |> Seq.find (fun u -> ends.[u] <> Continues)

    /// The GAE(γ, λ) advantage, Schulman et al. 2016, eq. 16, written as the finite sum it is:
    /// Â_t = Σ_{l=0}^{T_e − t} (γλ)^l δ_{t+l}, where T_e is the last step of t's episode (the estimator never
    /// looks past an episode's end: a new episode's residuals say nothing about this one).
    let advantages gamma lambda (deltas: float[]) (ends: StepEnd<float>[]) =
        Array.init deltas.Length (fun t ->
            seq { t .. episodeEnd ends t } |> Seq.sumBy (fun u -> pown (gamma * lambda) (u - t) * deltas.[u]))

    /// δ, Â and the value targets Â_t + V(s_t) of one segment. The last step of a segment must not be
    /// Continues: a segment cut by the end of the batch is Truncated with V of its next observation.
    let compute gamma lambda (rewards: float[]) (values: float[]) (ends: StepEnd<float>[]) =
        if ends.Length > 0 && ends.[ends.Length - 1] = Continues then
            invalidArg (nameof ends) "a segment's last step must end its episode (Terminated or Truncated)"
        let deltas = tdResiduals gamma rewards values ends
        let advantages = advantages gamma lambda deltas ends
        { Deltas = deltas; Advantages = advantages; Targets = Array.map2 (+) advantages values }
