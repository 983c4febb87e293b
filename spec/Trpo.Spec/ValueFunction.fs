namespace Trpo.Spec

/// A value fit: the loss before each Adam step, the final parameters and optimiser state.
type ValueFit =
    { /// (1/B) Σ_b (V_φ(s_b) − y_b)² before each step.
      Losses: float[]
      /// φ after the fit.
      Parameters: float[]
      /// Adam's state after the fit.
      Optimizer: AdamState
      /// Steps skipped because their gradient was not finite.
      Skipped: int }

/// The critic V_φ(s), an MLP with one linear output, fitted to the value targets by Adam on the squared error.
/// Pairs with Trpo.Core.Training.ValueFunction.
[<RequireQualifiedAccess>]
module ValueFunction =

    /// V_φ(s).
    let predict (net: MlpLayout) (phi: float[]) (s: float[]) = (Mlp.forward net phi s).[0]

    /// (1/N) Σ_n (V_n − y_n)².
    let loss (values: float[]) (targets: float[]) = Array.map2 (fun v y -> (v - y) * (v - y)) values targets |> Array.average

    /// The explained variance 1 − Var(y − V) / Var(y) (population variances); NaN when Var(y) = 0.
    let explainedVariance (values: float[]) (targets: float[]) =
        let varY = Vector.populationVariance targets
        if varY = 0.0 then nan else 1.0 - Vector.populationVariance (Vector.sub targets values) / varY

    /// The minibatch loss (1/B) Σ_{b ∈ batch} (V_φ(s_b) − y_b)², differentiable in φ.
    let lossVar (net: MlpLayout) (observations: float[][]) (targets: float[]) (batch: int[]) (phi: Var[]) =
        batch
        |> Array.map (fun b ->
            let e = (Mlp.forwardVar net phi observations.[b]).[0] - targets.[b]
            e * e)
        |> Array.fold (+) Var.Zero
        |> fun total -> total / float batch.Length

    /// Spinning Up's schedule: train_v_iters full-batch steps, rows in order.
    let fullBatchSchedule (passes: int) (rows: int) = List.replicate passes (Array.init rows id)

    /// sb3's schedule: each pass (epoch) walks one permutation of the rows in consecutive minibatches of
    /// min(batchSize, N) rows, the last possibly smaller. The permutations are an input: they come from the
    /// run's minibatch-shuffle random stream, which is data, not algorithm.
    let minibatchSchedule (batchSize: int) (permutations: int[] list) =
        permutations |> List.collect (fun order -> order |> Array.chunkBySize (min batchSize order.Length) |> List.ofArray)

    /// Adam on the squared error over the schedule's minibatches in order. A step whose gradient is not finite is
    /// skipped (the guard of design.md: nothing non-finite reaches φ).
    let fit (net: MlpLayout) (adam: AdamConfig) (state: AdamState) (phi: float[]) (observations: float[][]) (targets: float[]) (schedule: int[] list) =
        let step (losses, phi, state, skipped) batch =
            let l = loss (batch |> Array.map (fun b -> predict net phi observations.[b])) (batch |> Array.map (fun b -> targets.[b]))
            let g = Ad.gradient (lossVar net observations targets batch) phi
            if Vector.allFinite g then
                let state', phi' = Adam.step adam state phi g
                l :: losses, phi', state', skipped
            else l :: losses, phi, state, skipped + 1
        let losses, phi', state', skipped = List.fold step ([], phi, state, 0) schedule
        { Losses = Array.ofList (List.rev losses); Parameters = phi'; Optimizer = state'; Skipped = skipped }
