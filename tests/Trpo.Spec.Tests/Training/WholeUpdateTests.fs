module Trpo.Spec.Tests.Training.WholeUpdateTests

open Xunit
open Trpo.Spec
open Trpo.Spec.Tests
open Trpo.Spec.Tests.TraceCheck
open Trpo.Core.Numerics
open Trpo.Core.Tracing
open Trpo.Core.Training
type CoreKind = Trpo.Core.Environments.ActionKind

/// The batch the trainer's first epoch collects: a second collector with the same seed and θ_old gives it exactly.
let collect (scenario: GoldenScenario) (theta: float[]) =
    let spec = Trpo.Core.Environments.EnvironmentRegistry.SpecOf scenario.EnvironmentId
    let policy = Trpo.Core.Policies.StochasticPolicy(spec.ObservationSize, spec.ActionKind, spec.ActionSize, scenario.Options.HiddenSizes)
    let collector = RolloutCollector(scenario.EnvironmentId, scenario.Options.NumEnvs, scenario.Seed, policy)
    let batch = RolloutBatch(scenario.Options.NumEnvs, scenario.Options.StepsPerEpoch / scenario.Options.NumEnvs, spec.ObservationSize, policy.ActionWidth)
    collector.Collect(Array.copy theta, batch)
    batch

/// The batch as the spec's segments, one per environment.
let segments (batch: RolloutBatch) =
    let obs = batch.ObservationSize
    let rowOf (data: float[]) width r = data.[r * width .. (r + 1) * width - 1]
    [ for e in 0 .. batch.Environments - 1 ->
        let rows = [| for t in 0 .. batch.StepsPerEnvironment - 1 -> batch.Row(e, t) |]
        // an episode is cut (bootstrapped) exactly where the environment truncated it or the batch ended
        for t in 0 .. rows.Length - 1 do
            let r = rows.[t]
            Assert.Equal(not batch.Terminated.[r] && (batch.Truncated.[r] || t = rows.Length - 1), batch.NeedsBootstrap.[r])
        { Observations = rows |> Array.map (rowOf batch.Observations obs)
          Actions = rows |> Array.map (rowOf batch.Actions batch.ActionWidth)
          Rewards = rows |> Array.map (fun r -> batch.Rewards.[r])
          Ends =
            rows |> Array.map (fun r ->
                if batch.Terminated.[r] then Terminated
                elif batch.NeedsBootstrap.[r] then Truncated(rowOf batch.BootstrapObservations obs r)
                else Continues) } ]

/// The update's hyperparameters from the engine's options.
let config (o: TrpoOptions) =
    { Gamma = o.Gamma
      Lambda = o.Lam
      NormalizeAdvantages = o.NormalizeAdvantages
      TrustRegion =
        { Delta = o.Delta; DampingCoeff = o.DampingCoeff; CgIters = o.CgIters; CgResidualTol = o.CgResidualTol
          BacktrackIters = o.BacktrackIters; BacktrackCoeff = o.BacktrackCoeff }
      Adam = Adam.config o.VfLr o.AdamEps }

/// The tolerance of each quantity of the whole update (the policy step's from PolicyStepTests).
let rule (policyRule: string -> Rule) name =
    match name with
    // inputs: the batch itself, exactly
    | "batch.rewards" -> { Tolerance = 0.0; Floor = 0.0; Elementwise = false }
    // the critic's forward pass and GAE's sums (MlpTests, GaeTests)
    | "values" | "bootstrap_values" | "td_residuals" | "advantages" | "normalized_advantages" | "value_targets" | "value_loss" ->
        { Tolerance = 1e-12; Floor = 0.0; Elementwise = false }
    // 1 − Var(y − V)/Var(y) cancels to near 0 for a poor critic: at the scale of its terms, 1
    | "explained_variance" -> { Tolerance = 1e-12; Floor = 1.0; Elementwise = false }
    // the value fit's Adam steps (ValueFunctionTests)
    | "value_fit.losses" | "value.parameters" -> { Tolerance = 1e-11; Floor = 0.0; Elementwise = false }
    | _ -> policyRule name

/// Collection's own records, which the update does not compute: the observations and actions are checked by
/// hashing the collected batch instead. The engine's batch.truncated is the environment's time-limit flag; the
/// spec knows only that an episode was cut (time limit or end of batch: both bootstrap), which the test checks
/// against the engine's NeedsBootstrap when it builds the segments.
let collectionOnly = set [ "batch.observations.sha256"; "batch.actions.sha256"; "batch.episode_returns"; "batch.truncated" ]

/// Runs a golden scenario's first epoch in the engine and the same update in the spec on the same batch, and
/// compares the two traces quantity by quantity: the spec on its own (end to end), and the policy step stage by
/// stage on the engine's intermediates (TraceCheck.staged).
let checkFirstEpoch (name: string) =
    let scenario = GoldenScenarios.Find name
    let trainer = Trainer(scenario.Options, scenario.EnvironmentId, scenario.Seed, RecordTrace = true)
    let theta, phi = Array.copy trainer.PolicyParameters, Array.copy trainer.ValueParameters
    let batch = collect scenario theta
    trainer.RunEpoch() |> ignore
    let engineTrace = trainer.LastTrace
    // the second collector saw exactly the trainer's batch
    let hashOf q = engineTrace.Quantities |> Seq.find (fun x -> x.Name = q) |> fun x -> x.Values.[0]
    Assert.Equal(hashOf "batch.observations.sha256", TraceBuilder.Sha256(System.ReadOnlySpan(batch.Observations, 0, batch.Rows * batch.ObservationSize)))
    Assert.Equal(hashOf "batch.actions.sha256", TraceBuilder.Sha256(System.ReadOnlySpan(batch.Actions, 0, batch.Rows * batch.ActionWidth)))
    let o = scenario.Options
    let env = Trpo.Core.Environments.EnvironmentRegistry.SpecOf scenario.EnvironmentId
    let kind = if env.ActionKind = CoreKind.Discrete then Discrete env.ActionSize else Continuous env.ActionSize
    let policy = StochasticPolicy.create env.ObservationSize (List.ofArray o.HiddenSizes) kind
    let valueNet = Mlp.layout env.ObservationSize (List.ofArray o.HiddenSizes) 1
    let rows = batch.Rows
    let schedule = ValueFunctionTests.schedule o.VfBatchSize rows o.TrainVIters (Rng.ForStream(scenario.Seed, RngPurpose.MinibatchShuffle))
    let spec = Update.run (config o) policy valueNet theta phi (Adam.init phi.Length) (segments batch) schedule
    let specQuantities = Update.quantities spec
    let engine = ofEpochTrace engineTrace (Map.ofList specQuantities)
    let observations = segments batch |> List.map (fun s -> s.Observations) |> Array.concat
    let actions = segments batch |> List.map (fun s -> s.Actions) |> Array.concat
    let engineFisher v = (Engine.fisherVectorProducts policy theta observations o.DampingCoeff [ v ]).Head
    let context =
        { PolicyStepTests.Context.Delta = o.Delta
          PolicyStepTests.Context.AdvantageScale = spec.NormalizedAdvantages |> Array.map abs |> Array.max
          PolicyStepTests.Context.Sensitivity = cgSensitivity (config o).TrustRegion policy theta observations actions spec.NormalizedAdvantages engineFisher (numbers "policy_gradient" engine)
          PolicyStepTests.Context.SearchSensitivity = searchSensitivity (config o).TrustRegion policy theta observations actions spec.NormalizedAdvantages engineFisher }
    compare (rule (PolicyStepTests.endToEndRule context)) collectionOnly specQuantities engine
    // the policy step again, each stage from the engine's inputs to it
    let engineAdvantages = numbers "normalized_advantages" engine |> Option.get
    let policyEngine = engine |> List.filter (fun (n, _) -> n = "old_log_probs" || (PolicyStep.quantities spec.Policy |> List.exists (fst >> (=) n)))
    let stagedSpec = staged (config o).TrustRegion policy theta observations actions engineAdvantages engineFisher policyEngine
    compare (PolicyStepTests.stagedRule context) notStaged stagedSpec policyEngine

[<Fact>]
let ``The spec reproduces the first epoch of cartpole-spinningup quantity by quantity`` () = checkFirstEpoch "cartpole-spinningup"

[<Fact>]
let ``The spec reproduces the first epoch of cartpole-backtracking, whose line search rejects every attempt`` () =
    checkFirstEpoch "cartpole-backtracking"

[<Fact>]
let ``The spec reproduces the first epoch of cartpole-sb3 with its minibatch critic`` () = checkFirstEpoch "cartpole-sb3"

[<Fact>]
let ``The spec reproduces the first epoch of pendulum-spinningup quantity by quantity`` () = checkFirstEpoch "pendulum-spinningup"

[<Fact>]
let ``The spec reproduces the first epoch of pendulum-sb3 with two environments and a minibatch critic`` () =
    checkFirstEpoch "pendulum-sb3"
