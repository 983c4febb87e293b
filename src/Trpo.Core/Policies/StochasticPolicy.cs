using Trpo.Core.Environments;
using Trpo.Core.Numerics;
using Trpo.Core.Training;

namespace Trpo.Core.Policies;

/// <summary>
/// π_θ(a|s): an <see cref="Mlp"/> from observations to distribution parameters, followed by a categorical
/// distribution over logits (discrete actions) or a diagonal Gaussian with a state-independent log-std
/// (continuous actions). θ = [network parameters | log σ (Gaussian only)].
/// </summary>
/// <remarks>Holds scratch buffers: one instance is not safe to use from two threads at once.</remarks>
public sealed class StochasticPolicy
{
    private readonly double[] _rowScratchA;
    private readonly double[] _rowScratchB;
    private readonly double[] _rowScratchC;

    /// <summary>A policy for observations of length <paramref name="observationSize"/> and the given action space.</summary>
    public StochasticPolicy(int observationSize, ActionKind kind, int actionSize, IReadOnlyList<int> hiddenSizes)
    {
        Kind = kind;
        ActionSize = actionSize;
        Network = new Mlp(observationSize, hiddenSizes, actionSize);
        ParameterCount = Network.ParameterCount + (kind == ActionKind.Continuous ? actionSize : 0);
        _rowScratchA = new double[actionSize];
        _rowScratchB = new double[actionSize];
        _rowScratchC = new double[actionSize];
    }

    /// <summary>Discrete or continuous.</summary>
    public ActionKind Kind { get; }
    /// <summary>Number of discrete actions, or the action dimension.</summary>
    public int ActionSize { get; }
    /// <summary>Doubles per stored action: 1 for discrete (the index), the dimension for continuous.</summary>
    public int ActionWidth => Kind == ActionKind.Discrete ? 1 : ActionSize;
    /// <summary>The network: logits or means.</summary>
    public Mlp Network { get; }
    /// <summary>Length of θ.</summary>
    public int ParameterCount { get; }

    /// <summary>The log-std part of θ (empty for discrete policies).</summary>
    public ReadOnlySpan<double> LogStd(ReadOnlySpan<double> theta) => theta[Network.ParameterCount..];

    /// <summary>The network part of θ.</summary>
    public ReadOnlySpan<double> NetworkParameters(ReadOnlySpan<double> theta) => theta[..Network.ParameterCount];

    /// <summary>Initial θ: network weights from <paramref name="rng"/> (gains sqrt(2) hidden, 0.01 head for orthogonal init), log σ = <paramref name="logStdInit"/>.</summary>
    public void Initialize(Span<double> theta, WeightInit init, double logStdInit, Rng rng)
    {
        WeightInitializer.Initialize(Network, theta[..Network.ParameterCount], init, rng, Math.Sqrt(2.0), 0.01);
        theta[Network.ParameterCount..].Fill(logStdInit);
    }

    /// <summary>Distribution parameters (logits or means) of <paramref name="rows"/> observations, rows × ActionSize.</summary>
    public ReadOnlySpan<double> Evaluate(ReadOnlySpan<double> theta, ReadOnlySpan<double> observations, int rows, MlpWorkspace ws)
        => Network.Forward(NetworkParameters(theta), observations, rows, ws);

    /// <summary>Samples one action per row from the distribution parameters <paramref name="outputs"/>, row n with <paramref name="rngs"/>[n].</summary>
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
