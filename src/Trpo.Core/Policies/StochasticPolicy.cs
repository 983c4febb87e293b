using Trpo.Core.Environments;
using Trpo.Core.Numerics;
using Trpo.Core.Training;

namespace Trpo.Core.Policies;

/// <summary>
/// π_θ(a|s): an <see cref="Mlp"/> from observations to distribution parameters, followed by a categorical
/// distribution over logits (discrete actions), a diagonal Gaussian with a state-independent log-std
/// (continuous actions), or gSDE's Gaussian with a state-dependent variance (<see cref="StateDependentNoise"/>,
/// continuous actions with <c>use_sde</c>). θ = [network parameters | log σ]: no log σ for categorical, a d-vector
/// for the diagonal Gaussian, a k × d matrix (k = the last hidden width) for gSDE.
/// </summary>
/// <remarks>
/// The distribution inputs of a row (<see cref="Evaluate"/>) are the network's outputs (logits or means), followed
/// for gSDE by the row's features f(s), the last hidden layer's activations, which gSDE's variance and noise are
/// functions of (detached: gradients reach the network only through the means).
/// Holds scratch buffers: one instance is not safe to use from two threads at once.
/// </remarks>
public sealed class StochasticPolicy
{
    private readonly double[] _rowScratchA;
    private readonly double[] _rowScratchB;
    private readonly double[] _rowScratchC;
    private readonly double[] _weightVariancesOld;
    private readonly double[] _weightVariancesNew;
    private readonly double[] _shares;

    /// <summary>
    /// A policy for observations of length <paramref name="observationSize"/> and the given action space;
    /// <paramref name="stateDependentNoise"/> selects gSDE (continuous actions only).
    /// </summary>
    public StochasticPolicy(int observationSize, ActionKind kind, int actionSize, IReadOnlyList<int> hiddenSizes, bool stateDependentNoise = false)
    {
        if (stateDependentNoise && kind != ActionKind.Continuous)
            throw new ArgumentException("state-dependent exploration (use_sde) needs continuous actions", nameof(stateDependentNoise));
        if (stateDependentNoise && hiddenSizes.Count == 0)
            throw new ArgumentException("state-dependent exploration (use_sde) needs a hidden layer for its features", nameof(hiddenSizes));
        Kind = kind;
        ActionSize = actionSize;
        UsesStateDependentNoise = stateDependentNoise;
        Network = new Mlp(observationSize, hiddenSizes, actionSize);
        FeatureSize = stateDependentNoise ? hiddenSizes[^1] : 0;
        int logStdLength = kind == ActionKind.Discrete ? 0 : stateDependentNoise ? FeatureSize * actionSize : actionSize;
        ParameterCount = Network.ParameterCount + logStdLength;
        _rowScratchA = new double[actionSize];
        _rowScratchB = new double[actionSize];
        _rowScratchC = new double[actionSize];
        _weightVariancesOld = new double[FeatureSize * actionSize];
        _weightVariancesNew = new double[FeatureSize * actionSize];
        _shares = new double[FeatureSize * actionSize];
    }

    /// <summary>Discrete or continuous.</summary>
    public ActionKind Kind { get; }
    /// <summary>Number of discrete actions, or the action dimension.</summary>
    public int ActionSize { get; }
    /// <summary>Doubles per stored action: 1 for discrete (the index), the dimension for continuous.</summary>
    public int ActionWidth => Kind == ActionKind.Discrete ? 1 : ActionSize;
    /// <summary>True for gSDE: the variance depends on the state through the features (<see cref="StateDependentNoise"/>).</summary>
    public bool UsesStateDependentNoise { get; }
    /// <summary>k, the width of gSDE's features (the last hidden layer); 0 without gSDE.</summary>
    public int FeatureSize { get; }
    /// <summary>Doubles per row of <see cref="Evaluate"/>'s result: ActionSize, plus FeatureSize for gSDE.</summary>
    public int OutputWidth => ActionSize + FeatureSize;
    /// <summary>The network: logits or means.</summary>
    public Mlp Network { get; }
    /// <summary>Length of θ.</summary>
    public int ParameterCount { get; }

    /// <summary>The log-std part of θ: empty for discrete policies, d values for the diagonal Gaussian, the k × d matrix (row-major) for gSDE.</summary>
    public ReadOnlySpan<double> LogStd(ReadOnlySpan<double> theta) => theta[Network.ParameterCount..];

    /// <summary>The network part of θ.</summary>
    public ReadOnlySpan<double> NetworkParameters(ReadOnlySpan<double> theta) => theta[..Network.ParameterCount];

    /// <summary>
    /// Initial θ: network weights from <paramref name="rng"/> (gains sqrt(2) hidden, 0.01 head for orthogonal init), every
    /// log σ (vector or gSDE matrix, as sb3's <c>log_std_init</c>) = <paramref name="logStdInit"/>.
    /// </summary>
    public void Initialize(Span<double> theta, WeightInit init, double logStdInit, Rng rng)
    {
        WeightInitializer.Initialize(Network, theta[..Network.ParameterCount], init, rng, Math.Sqrt(2.0), 0.01);
        theta[Network.ParameterCount..].Fill(logStdInit);
    }

    /// <summary>
    /// A workspace for <see cref="Evaluate"/> and the passes after it (<see cref="Mlp.CreateWorkspace"/>); for gSDE it
    /// keeps each row's features.
    /// </summary>
    public MlpWorkspace CreateWorkspace(int rows, Workers? workers = null, bool cacheActivations = true)
        => Network.CreateWorkspace(rows, workers, cacheActivations, keepFeatures: UsesStateDependentNoise);

    /// <summary>
    /// Distribution inputs of <paramref name="rows"/> observations, rows × <see cref="OutputWidth"/>: logits or means,
    /// for gSDE followed by the features (the workspace must come from <see cref="CreateWorkspace"/>).
    /// </summary>
    public ReadOnlySpan<double> Evaluate(ReadOnlySpan<double> theta, ReadOnlySpan<double> observations, int rows, MlpWorkspace ws)
        => UsesStateDependentNoise
            ? Network.ForwardWithFeatures(NetworkParameters(theta), observations, rows, ws)
            : Network.Forward(NetworkParameters(theta), observations, rows, ws);

    /// <summary>
    /// Samples one action per row from the distribution parameters <paramref name="outputs"/>, row n with <paramref name="rngs"/>[n].
    /// A gSDE policy samples through its exploration matrices instead (<see cref="ExplorationNoise"/>).
    /// </summary>
    public void Sample(ReadOnlySpan<double> theta, ReadOnlySpan<double> outputs, int rows, IReadOnlyList<Rng> rngs, Span<double> actions)
    {
        for (int n = 0; n < rows; n++) SampleRow(theta, outputs, n, rngs[n], actions, _rowScratchA);
    }

    /// <summary>
    /// As <see cref="Sample(ReadOnlySpan{double}, ReadOnlySpan{double}, int, IReadOnlyList{Rng}, Span{double})"/>, with the caller's
    /// scratch (length ActionSize), so that threads sampling for different rows can share the policy.
    /// </summary>
    public void Sample(ReadOnlySpan<double> theta, ReadOnlySpan<double> outputs, int rows, ReadOnlySpan<Rng> rngs, Span<double> actions, Span<double> scratch)
    {
        for (int n = 0; n < rows; n++) SampleRow(theta, outputs, n, rngs[n], actions, scratch);
    }

    private void SampleRow(ReadOnlySpan<double> theta, ReadOnlySpan<double> outputs, int n, Rng rng, Span<double> actions, Span<double> scratch)
    {
        if (UsesStateDependentNoise) throw new InvalidOperationException("a gSDE policy samples through its exploration matrices (ExplorationNoise)");
        int d = ActionSize;
        ReadOnlySpan<double> row = outputs.Slice(n * d, d);
        if (Kind == ActionKind.Discrete)
            actions[n] = Categorical.Sample(row, rng, scratch);
        else
            DiagonalGaussian.Sample(row, LogStd(theta), rng, actions.Slice(n * d, d));
    }

    /// <summary>log π(a_n|s_n) for each row, from distribution parameters and stored actions.</summary>
    public void LogProbs(ReadOnlySpan<double> outputs, ReadOnlySpan<double> logStd, ReadOnlySpan<double> actions, int rows, Span<double> logProbs)
    {
        int d = ActionSize, w = ActionWidth;
        if (UsesStateDependentNoise)
        {
            StateDependentNoise.WeightVariances(logStd, _weightVariancesOld);
            for (int n = 0; n < rows; n++)
            {
                GsdeVariances(outputs, n, _weightVariancesOld, _rowScratchA);
                logProbs[n] = StateDependentNoise.LogProb(GsdeMean(outputs, n), _rowScratchA, actions.Slice(n * d, d));
            }
            return;
        }
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<double> row = outputs.Slice(n * d, d);
            logProbs[n] = Kind == ActionKind.Discrete
                ? Categorical.LogProb(row, (int)actions[n], _rowScratchA)
                : DiagonalGaussian.LogProb(row, logStd, actions.Slice(n * w, w));
        }
    }

    /// <summary>Mean entropy over the rows, (1/N) Σ_n H(π(·|s_n)).</summary>
    public double MeanEntropy(ReadOnlySpan<double> outputs, ReadOnlySpan<double> logStd, int rows)
    {
        if (UsesStateDependentNoise)
        {
            StateDependentNoise.WeightVariances(logStd, _weightVariancesOld);
            double h = 0.0;
            for (int n = 0; n < rows; n++)
            {
                GsdeVariances(outputs, n, _weightVariancesOld, _rowScratchA);
                h += StateDependentNoise.Entropy(_rowScratchA);
            }
            return h / rows;
        }
        if (Kind == ActionKind.Continuous) return DiagonalGaussian.Entropy(logStd); // state-independent
        double sum = 0.0;
        for (int n = 0; n < rows; n++) sum += Categorical.Entropy(outputs.Slice(n * ActionSize, ActionSize), _rowScratchA);
        return sum / rows;
    }

    /// <summary>Mean KL, D̄_KL(π_old ‖ π_new) = (1/N) Σ_n KL(π_old(·|s_n) ‖ π_new(·|s_n)).</summary>
    public double MeanKl(ReadOnlySpan<double> oldOutputs, ReadOnlySpan<double> oldLogStd, ReadOnlySpan<double> newOutputs, ReadOnlySpan<double> newLogStd, int rows)
    {
        int d = ActionSize;
        double sum = 0.0;
        if (UsesStateDependentNoise)
        {
            // each policy's variance from its own features and log σ matrix
            StateDependentNoise.WeightVariances(oldLogStd, _weightVariancesOld);
            StateDependentNoise.WeightVariances(newLogStd, _weightVariancesNew);
            for (int n = 0; n < rows; n++)
            {
                GsdeVariances(oldOutputs, n, _weightVariancesOld, _rowScratchA);
                GsdeVariances(newOutputs, n, _weightVariancesNew, _rowScratchB);
                sum += StateDependentNoise.Kl(GsdeMean(oldOutputs, n), _rowScratchA, GsdeMean(newOutputs, n), _rowScratchB);
            }
            return sum / rows;
        }
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<double> o = oldOutputs.Slice(n * d, d), q = newOutputs.Slice(n * d, d);
            sum += Kind == ActionKind.Discrete
                ? Categorical.Kl(o, q, _rowScratchA, _rowScratchB)
                : DiagonalGaussian.Kl(o, oldLogStd, q, newLogStd);
        }
        return sum / rows;
    }

    /// <summary>
    /// ∇_θ Σ_n w_n log π_θ(a_n|s_n) at the θ of the last <see cref="Evaluate"/> on <paramref name="ws"/>,
    /// written to <paramref name="gradient"/>. With w_n = Â_n / N this is the policy gradient g = ∇L(θ_old).
    /// </summary>
    public void WeightedLogProbGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> outputs, ReadOnlySpan<double> actions, ReadOnlySpan<double> weights, int rows, MlpWorkspace ws, Span<double> outputGradient, Span<double> gradient)
    {
        int d = ActionSize, w = ActionWidth, p = Network.ParameterCount;
        gradient.Clear();
        Span<double> logStdGradient = gradient[p..];
        if (UsesStateDependentNoise)
        {
            GsdeLogProbGradient(theta, outputs, actions, weights, rows, outputGradient, logStdGradient);
            Network.Backward(NetworkParameters(theta), outputGradient, rows, ws, gradient[..p]);
            return;
        }
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<double> row = outputs.Slice(n * d, d);
            Span<double> gRow = outputGradient.Slice(n * d, d);
            if (Kind == ActionKind.Discrete)
            {
                Categorical.LogProbGradient(row, (int)actions[n], gRow);
            }
            else
            {
                DiagonalGaussian.LogProbGradient(row, LogStd(theta), actions.Slice(n * w, w), gRow, _rowScratchC);
                for (int i = 0; i < d; i++) logStdGradient[i] += weights[n] * _rowScratchC[i];
            }
            for (int i = 0; i < d; i++) gRow[i] *= weights[n];
        }
        Network.Backward(NetworkParameters(theta), outputGradient, rows, ws, gradient[..p]);
    }

    /// <summary>
    /// gSDE's part of <see cref="WeightedLogProbGradient"/>: ∂/∂μ_j = w_n (a_j − μ_j)/v_j per row into <paramref name="outputGradient"/>
    /// (rows × ActionSize), and ∂/∂log σ_ij = Σ_n w_n ((a_j − μ_j)²/v_j − 1) f_i² σ_ij² / v_j (rows summed in order).
    /// </summary>
    private void GsdeLogProbGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> outputs, ReadOnlySpan<double> actions, ReadOnlySpan<double> weights, int rows, Span<double> outputGradient, Span<double> logStdGradient)
    {
        int d = ActionSize, k = FeatureSize;
        StateDependentNoise.WeightVariances(LogStd(theta), _weightVariancesOld);
        for (int n = 0; n < rows; n++)
        {
            GsdeVariances(outputs, n, _weightVariancesOld, _rowScratchA);
            Span<double> gRow = outputGradient.Slice(n * d, d);
            StateDependentNoise.LogProbGradient(GsdeMean(outputs, n), _rowScratchA, actions.Slice(n * d, d), gRow, _rowScratchC);
            StateDependentNoise.Shares(GsdeFeatures(outputs, n), _weightVariancesOld, _rowScratchA, _shares);
            for (int i = 0; i < k; i++)
                for (int j = 0; j < d; j++) logStdGradient[i * d + j] += weights[n] * (_rowScratchC[j] * _shares[i * d + j]);
            for (int j = 0; j < d; j++) gRow[j] *= weights[n];
        }
    }

    /// <summary>μ of row n of gSDE inputs [μ | f].</summary>
    internal ReadOnlySpan<double> GsdeMean(ReadOnlySpan<double> outputs, int n) => outputs.Slice(n * OutputWidth, ActionSize);

    /// <summary>f of row n of gSDE inputs [μ | f].</summary>
    internal ReadOnlySpan<double> GsdeFeatures(ReadOnlySpan<double> outputs, int n) => outputs.Slice(n * OutputWidth + ActionSize, FeatureSize);

    /// <summary>Row n's variances v_j = Σ_i f_i² σ_ij² + ε_v into <paramref name="variances"/>, from gSDE inputs [μ | f] and σ_ij².</summary>
    internal void GsdeVariances(ReadOnlySpan<double> outputs, int n, ReadOnlySpan<double> weightVariances, Span<double> variances)
        => StateDependentNoise.Variances(GsdeFeatures(outputs, n), weightVariances, variances);

    /// <summary>
    /// Fisher-vector product F v + c v with F = (1/N) Σ_n J_nᵀ M_n J_n, the Hessian of the mean KL at θ_old
    /// (<see cref="FisherOperator"/>, prepared for this one product). <paramref name="ws"/> must hold the
    /// activations of <see cref="Evaluate"/> at θ_old, and <paramref name="oldOutputs"/> its outputs. For repeated
    /// products (conjugate gradient) prepare one <see cref="FisherOperator"/> and call it instead.
    /// </summary>
    public void FisherVectorProduct(ReadOnlySpan<double> theta, ReadOnlySpan<double> oldOutputs, int rows, MlpWorkspace ws, ReadOnlySpan<double> v, double damping, Span<double> result)
    {
        var fisher = new FisherOperator(this);
        fisher.Prepare(theta, oldOutputs, rows, ws, damping);
        fisher.Apply(v, result);
    }
}
