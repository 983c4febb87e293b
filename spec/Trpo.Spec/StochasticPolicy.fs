namespace Trpo.Spec

/// The action space a policy acts in.
type ActionKind =
    /// K discrete actions: the network outputs K logits, an action is stored as [| index |].
    | Discrete of count: int
    /// A d-dimensional box: the network outputs the d means, log σ is a state-independent parameter vector.
    | Continuous of dimension: int
    /// A d-dimensional box explored by gSDE (Raffin, Kober and Stulp, CoRL 2021): the network outputs the d
    /// means, log σ is a k × d parameter matrix (k the last hidden width, row-major), and the action's variance
    /// depends on the state through the features f(s), the last hidden layer taken as constants (detached, as
    /// stable-baselines3's StateDependentNoiseDistribution with learn_features=False).
    | StateDependent of dimension: int

/// π_θ(a|s): a network from observations to distribution parameters, then a categorical or diagonal-Gaussian
/// distribution. θ = [network parameters | log σ (continuous only: a vector, or gSDE's matrix)], the engine's layout.
type Policy =
    { Network: MlpLayout
      Kind: ActionKind }

/// The distribution parameters ψ(θ, s) of a policy and the quantities TRPO needs from them: log-probabilities,
/// entropy, KL and the Fisher information. Pairs with Trpo.Core.Policies.StochasticPolicy.
[<RequireQualifiedAccess>]
module StochasticPolicy =

    /// A policy for observations of length observationSize.
    let create observationSize (hiddenSizes: int list) kind =
        let outputs =
            match kind with
            | Discrete k -> k
            | Continuous d
            | StateDependent d -> d
        { Network = Mlp.layout observationSize hiddenSizes outputs; Kind = kind }

    /// k, the width of gSDE's features: the last hidden layer.
    let featureSize (policy: Policy) = policy.Network.Sizes.[policy.Network.Sizes.Length - 2]

    /// Length of θ: the network's parameters plus d log-stds for a continuous policy, k × d for gSDE.
    let parameterCount (policy: Policy) =
        Mlp.parameterCount policy.Network
        + (match policy.Kind with
           | Discrete _ -> 0
           | Continuous d -> d
           | StateDependent d -> featureSize policy * d)

    /// gSDE's variance floor, stable-baselines3's StateDependentNoiseDistribution(epsilon=1e-6).
    let sdeEpsilon = 1e-6

    /// ψ(θ, s) with gSDE's features taken from featureTheta (a constant): the logits; or [μ(s); log σ] with μ
    /// the network's output and log σ the tail of θ; or, for gSDE, [μ(s); log σ(s)] with
    /// log σ_j(s) = ½ log(Σ_i f_i(s)² exp(2 log σ_ij) + ε), f the last hidden layer at featureTheta.
    let distributionVarWithFeatures (policy: Policy) (featureTheta: float[]) (theta: Var[]) (s: float[]) =
        let p = Mlp.parameterCount policy.Network
        let out = Mlp.forwardVar policy.Network theta s
        match policy.Kind with
        | Discrete _ -> out
        | Continuous _ -> Array.append out theta.[p ..]
        | StateDependent d ->
            let f = Mlp.features policy.Network featureTheta s
            let logStd j =
                let variance = Array.init f.Length (fun i -> f.[i] * f.[i] * exp (2.0 * theta.[p + i * d + j])) |> Array.fold (+) Var.Zero
                0.5 * log (variance + sdeEpsilon)
            Array.append out (Array.init d logStd)

    /// ψ(θ, s): the distribution parameters, gSDE's features detached at θ's own values.
    let distributionVar (policy: Policy) (theta: Var[]) (s: float[]) =
        distributionVarWithFeatures policy (Ad.values theta) theta s

    /// ψ(θ, s) for float parameters.
    let distribution (policy: Policy) (theta: float[]) (s: float[]) =
        distributionVar policy (Ad.constants theta) s |> Ad.values

    /// log π(a | ψ).
    let logProbVar (policy: Policy) (psi: Var[]) (a: float[]) =
        match policy.Kind with
        | Discrete _ -> Categorical.logProbVar psi (int a.[0])
        | Continuous _
        | StateDependent _ -> DiagonalGaussian.logProbVar psi a

    /// log π_θ(a|s).
    let logProb (policy: Policy) (theta: float[]) (s: float[]) (a: float[]) =
        (logProbVar policy (distributionVar policy (Ad.constants theta) s) a).Value

    /// log π_θ(a_n|s_n) for every row.
    let logProbs (policy: Policy) (theta: float[]) (observations: float[][]) (actions: float[][]) =
        Array.map2 (logProb policy theta) observations actions

    /// H(π(·|ψ)).
    let entropy (policy: Policy) (psi: float[]) =
        match policy.Kind with
        | Discrete _ -> Categorical.entropy psi
        | Continuous _
        | StateDependent _ -> DiagonalGaussian.entropy psi

    /// (1/N) Σ_n H(π_θ(·|s_n)).
    let meanEntropy (policy: Policy) (theta: float[]) (observations: float[][]) =
        observations |> Array.averageBy (fun s -> entropy policy (distribution policy theta s))

    /// KL(π(·|ψ_old) ‖ π(·|ψ)), differentiable in ψ.
    let klVar (policy: Policy) (psiOld: float[]) (psi: Var[]) =
        match policy.Kind with
        | Discrete _ -> Categorical.klVar psiOld psi
        | Continuous _
        | StateDependent _ -> DiagonalGaussian.klVar psiOld psi

    /// The mean KL of TRPO's trust region, Schulman et al. 2015, eq. 12:
    /// D̄_KL(θ_old, θ) = (1/N) Σ_n KL(π_θold(·|s_n) ‖ π_θ(·|s_n)), the old policy first. Differentiable in θ.
    let meanKlVar (policy: Policy) (thetaOld: float[]) (observations: float[][]) (theta: Var[]) =
        observations
        |> Array.map (fun s -> klVar policy (distribution policy thetaOld s) (distributionVar policy theta s))
        |> Array.fold (+) Var.Zero
        |> fun total -> total / float observations.Length

    /// D̄_KL(θ_old, θ) with gSDE's features of both policies held at θ_old's: the function whose Hessian at θ_old the
    /// Fisher matrix is when the features are detached (sb3's double backprop differentiates exactly this). For the
    /// other kinds the same as meanKlVar.
    let meanKlVarWithOldFeatures (policy: Policy) (thetaOld: float[]) (observations: float[][]) (theta: Var[]) =
        observations
        |> Array.map (fun s -> klVar policy (distribution policy thetaOld s) (distributionVarWithFeatures policy thetaOld theta s))
        |> Array.fold (+) Var.Zero
        |> fun total -> total / float observations.Length

    /// D̄_KL(θ_old, θ) for float parameters.
    let meanKl (policy: Policy) (thetaOld: float[]) (observations: float[][]) (theta: float[]) =
        (meanKlVar policy thetaOld observations (Ad.constants theta)).Value

    /// The Fisher information M(ψ) of the distribution parameters (Categorical.fisher or DiagonalGaussian.fisher).
    let fisher (policy: Policy) (psi: float[]) =
        match policy.Kind with
        | Discrete _ -> Categorical.fisher psi
        | Continuous _
        | StateDependent _ -> DiagonalGaussian.fisher psi

    /// J(s) = ∂ψ(θ, s)/∂θ as rows (one per distribution parameter, each of length |θ|), by reverse mode.
    let jacobian (policy: Policy) (theta: float[]) (s: float[]) = Ad.jacobian (fun t -> distributionVar policy t s) theta
