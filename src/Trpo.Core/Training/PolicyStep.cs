using Trpo.Core.Numerics;
using Trpo.Core.Optimization;
using Trpo.Core.Policies;

namespace Trpo.Core.Training;

/// <summary>
/// One TRPO policy update on a batch (design.md "The algorithm", steps 3–7; Schulman et al., "Trust Region
/// Policy Optimization", ICML 2015, eq. 14 and appendix C):
/// maximise L(θ) = mean(π_θ(a|s)/π_old(a|s) Â) subject to D̄_KL(π_old ‖ π_θ) ≤ δ.
/// </summary>
public sealed class PolicyStep
{
    private readonly StochasticPolicy _policy;
    private readonly TrpoOptions _options;
    private readonly MlpWorkspace _oldWorkspace;
    private readonly MlpWorkspace _trialWorkspace;
    private readonly FisherOperator _fisher;
    private readonly LinearOperator _fisherProduct;
    // buffers reused from epoch to epoch (what the result exposes is allocated afresh)
    private readonly double[] _oldTheta;
    private readonly double[] _trial;
    private readonly double[] _fx;
    private readonly double[] _cgScratch;
    private double[] _oldOutputs = [];
    private double[] _weights = [];
    private double[] _rowScratch = [];
    private double[] _trialLogProbs = [];

    /// <summary>A step for <paramref name="policy"/> under <paramref name="options"/>, for batches of up to <paramref name="capacity"/> rows.</summary>
    public PolicyStep(StochasticPolicy policy, TrpoOptions options, int capacity, Workers? workers = null)
    {
        _policy = policy;
        _options = options;
        // the gradient and every Fisher-vector product reuse θ_old's activations (while they fit the cache budget)
        _oldWorkspace = policy.CreateWorkspace(capacity, workers);
        _trialWorkspace = policy.CreateWorkspace(capacity, workers, cacheActivations: false);
        _fisher = new FisherOperator(policy);
        _fisherProduct = _fisher.Apply;
        _oldTheta = new double[policy.ParameterCount];
        _trial = new double[policy.ParameterCount];
        _fx = new double[policy.ParameterCount];
        _cgScratch = new double[3 * policy.ParameterCount];
    }

    private void EnsureRows(int rows)
    {
        int d = _policy.ActionSize;
        if (_weights.Length >= rows) return;
        _oldOutputs = new double[rows * _policy.OutputWidth];
        _weights = new double[rows];
        _rowScratch = new double[rows * d];
        _trialLogProbs = new double[rows];
    }

    /// <summary>
    /// Updates <paramref name="theta"/> in place (or leaves it untouched when no attempt is accepted or the step is
    /// skipped) and returns every intermediate.
    /// </summary>
    /// <param name="theta">θ_old on entry, θ_new on return.</param>
    /// <param name="observations">s_n, rows × observation size.</param>
    /// <param name="actions">a_n, rows × action width.</param>
    /// <param name="advantages">Â_n (normalised if the options say so).</param>
    /// <param name="rows">N.</param>
    public PolicyStepResult Run(double[] theta, double[] observations, double[] actions, double[] advantages, int rows)
    {
        int width = _policy.OutputWidth, n = _policy.ParameterCount;
        EnsureRows(rows);
        double[] oldTheta = _oldTheta;
        theta.CopyTo(oldTheta, 0);
        ReadOnlySpan<double> oldLogStd = _policy.LogStd(oldTheta);
        // π_old: distribution parameters and log-probs of the stored actions
        _policy.Evaluate(oldTheta, observations, rows, _oldWorkspace).CopyTo(_oldOutputs);
        double[] oldOutputs = _oldOutputs;
        var oldLogProbs = new double[rows];
        _policy.LogProbs(oldOutputs, oldLogStd, actions, rows, oldLogProbs);
        double entropy = _policy.MeanEntropy(oldOutputs, oldLogStd, rows);

        // L(θ_old) = (1/N) Σ_n 1 · Â_n (the ratio is exactly 1)
        double surrogateBefore = VectorOps.Sum(advantages.AsSpan(0, rows)) / rows;

        // g = ∇L(θ_old) = (1/N) Σ_n Â_n ∇ log π_θ(a_n|s_n)
        double[] weights = _weights;
        for (int i = 0; i < rows; i++) weights[i] = advantages[i] / rows;
        var g = new double[n];
        _policy.WeightedLogProbGradient(oldTheta, oldOutputs, actions, weights, rows, _oldWorkspace, _rowScratch, g);

        bool bySensitivities = false;
        PolicyStepResult Skip(string reason, ConjugateGradientResult? cg = null, double[]? x = null, double curvature = double.NaN) => new()
        {
            OldLogProbs = oldLogProbs, Entropy = entropy, SurrogateBefore = surrogateBefore, Gradient = g,
            ConjugateGradient = cg, SearchDirection = x, Curvature = curvature, SkipReason = reason, FisherBySensitivities = bySensitivities,
        };

        if (!VectorOps.AllFinite(g)) return Skip("non-finite policy gradient");

        // F v = (J^T M J + damping I) v at θ_old
        _fisher.Prepare(oldTheta, oldOutputs.AsSpan(0, rows * width), rows, _oldWorkspace, _options.DampingCoeff);
        bySensitivities = _fisher.BySensitivities;

        // x ≈ F⁻¹ g by conjugate gradient from x_0 = 0
        var x = new double[n];
        var cg = ConjugateGradient.Solve(_fisherProduct, g, x, _options.CgIters, _options.CgResidualTol, _cgScratch);
        if (!VectorOps.AllFinite(x)) return Skip("non-finite search direction", cg, x);

        // xᵀ F x
        _fisher.Apply(x, _fx);
        double curvature = VectorOps.Dot(x, _fx);
        if (!(curvature > 0) || !double.IsFinite(curvature)) return Skip($"non-positive curvature x^T F x = {curvature:R}", cg, x, curvature);

        // β = sqrt(2δ / xᵀ F x): the largest step along x whose quadratic KL model equals δ
        double beta = Math.Sqrt(2.0 * _options.Delta / curvature);
        if (!double.IsFinite(beta)) return Skip($"non-finite step size beta = {beta:R}", cg, x, curvature);

        double[] trial = _trial, trialLogProbs = _trialLogProbs;
        (double, double) Evaluate(double fraction)
        {
            // θ_j = θ_old + backtrack_coeff^j β x
            double scale = fraction * beta;
            VectorOps.Combine(oldTheta, scale, x, trial);
            ReadOnlySpan<double> newOutputs = _policy.Evaluate(trial, observations, rows, _trialWorkspace);
            ReadOnlySpan<double> newLogStd = _policy.LogStd(trial);
            double kl = _policy.MeanKl(oldOutputs, _policy.LogStd(oldTheta), newOutputs, newLogStd, rows);
            _policy.LogProbs(newOutputs, newLogStd, actions, rows, trialLogProbs);
            // L(θ) = (1/N) Σ_n exp(log π_θ − log π_old) Â_n
            double sum = 0.0;
            for (int i = 0; i < rows; i++) sum += DetMath.Exp(trialLogProbs[i] - oldLogProbs[i]) * advantages[i];
            return (kl, sum / rows - surrogateBefore);
        }

        var search = BacktrackingLineSearch.Run(_options.BacktrackIters, _options.BacktrackCoeff, _options.Delta, f => Evaluate(f));
        if (search.Accepted)
            VectorOps.Combine(oldTheta, search.AcceptedFraction * beta, x, theta);
        else
            oldTheta.CopyTo(theta);

        return new PolicyStepResult
        {
            OldLogProbs = oldLogProbs, Entropy = entropy, SurrogateBefore = surrogateBefore, Gradient = g,
            ConjugateGradient = cg, SearchDirection = x, Curvature = curvature, StepSize = beta, LineSearch = search,
            FisherBySensitivities = bySensitivities,
        };
    }
}
