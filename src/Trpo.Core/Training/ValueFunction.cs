using Trpo.Core.Numerics;
using Trpo.Core.Optimization;
using Trpo.Core.Policies;
using Trpo.Core.State;

namespace Trpo.Core.Training;

/// <summary>
/// The critic V_φ(s): a separate <see cref="Mlp"/> with one linear output, fitted to value targets by Adam on
/// the squared error (1/B) Σ_b (V_φ(s_b) − target_b)².
/// </summary>
public sealed class ValueFunction : IStateful
{
    private readonly MlpWorkspace _workspace;
    private readonly MlpWorkspace _predictWorkspace;
    private double[] _gradient;
    private double[] _outputGradient;
    private double[] _batchObservations;
    private double[] _batchTargets;

    /// <summary>A critic for observations of length <paramref name="observationSize"/>.</summary>
    public ValueFunction(int observationSize, IReadOnlyList<int> hiddenSizes, double learningRate, double adamEpsilon, Workers? workers = null)
    {
        Network = new Mlp(observationSize, hiddenSizes, 1);
        Parameters = new double[Network.ParameterCount];
        Optimizer = new Adam(Network.ParameterCount, learningRate, adamEpsilon);
        // fitting reuses a minibatch's activations for its reverse pass; predicting keeps only the outputs
        _workspace = Network.CreateWorkspace(1, workers);
        _predictWorkspace = Network.CreateWorkspace(1, workers, cacheActivations: false);
        _gradient = new double[Network.ParameterCount];
        _outputGradient = [];
        _batchObservations = [];
        _batchTargets = [];
    }

    /// <summary>The network.</summary>
    public Mlp Network { get; }
    /// <summary>φ.</summary>
    public double[] Parameters { get; }
    /// <summary>The optimiser and its state.</summary>
    public Adam Optimizer { get; }

    /// <summary>Captures φ, the optimiser's state and the count of skipped steps.</summary>
    public void CaptureState(StateWriter state)
    {
        state.Doubles("phi", Parameters);
        state.Part("adam", Optimizer);
        state.Integer("skipped_steps", SkippedSteps);
    }

    /// <summary>Restores what <see cref="CaptureState"/> wrote.</summary>
    public void RestoreState(StateReader state)
    {
        state.Doubles("phi", Parameters);
        state.Part("adam", Optimizer);
        SkippedSteps = state.Int32("skipped_steps");
    }

    /// <summary>Draws φ: uniform init, or orthogonal with gains sqrt(2) hidden and 1 on the output (sb3).</summary>
    public void Initialize(WeightInit init, Rng rng)
        => WeightInitializer.Initialize(Network, Parameters, init, rng, Math.Sqrt(2.0), 1.0);

    /// <summary>V(s_n) for <paramref name="rows"/> observations.</summary>
    public void Predict(ReadOnlySpan<double> observations, int rows, Span<double> values)
    {
        Network.Forward(Parameters, observations, rows, _predictWorkspace)[..rows].CopyTo(values);
    }

    /// <summary>(1/N) Σ_n (V(s_n) − target_n)².</summary>
    public double Loss(ReadOnlySpan<double> values, ReadOnlySpan<double> targets)
    {
        double sum = 0.0;
        for (int i = 0; i < values.Length; i++)
        {
            double e = values[i] - targets[i];
            sum += e * e;
        }
        return sum / values.Length;
    }

    /// <summary>
    /// Fits V to the targets: <paramref name="passes"/> full-batch Adam steps when <paramref name="batchSize"/> is 0
    /// (Spinning Up), else <paramref name="passes"/> epochs over minibatches of a fresh permutation drawn from
    /// <paramref name="shuffle"/> each epoch, the last minibatch possibly smaller (sb3). Returns the loss of each
    /// Adam step, measured before the step.
    /// </summary>
    public double[] Fit(double[] observations, double[] targets, int rows, int passes, int batchSize, Rng shuffle)
    {
        int obsSize = Network.InputSize;
        var losses = new List<double>();
        if (batchSize <= 0)
        {
            for (int pass = 0; pass < passes; pass++) losses.Add(Step(observations, targets, rows));
            return losses.ToArray();
        }
        int b = Math.Min(batchSize, rows);
        var order = new int[rows];
        EnsureBatch(b, obsSize);
        for (int pass = 0; pass < passes; pass++)
        {
            for (int i = 0; i < rows; i++) order[i] = i;
            shuffle.Shuffle(order);
            for (int start = 0; start < rows; start += b)
            {
                int count = Math.Min(b, rows - start);
                for (int k = 0; k < count; k++)
                {
                    int src = order[start + k];
                    Array.Copy(observations, src * obsSize, _batchObservations, k * obsSize, obsSize);
                    _batchTargets[k] = targets[src];
                }
                losses.Add(Step(_batchObservations, _batchTargets, count));
            }
        }
        return losses.ToArray();
    }

    private void EnsureBatch(int rows, int obsSize)
    {
        if (_batchTargets.Length < rows)
        {
            _batchObservations = new double[rows * obsSize];
            _batchTargets = new double[rows];
        }
    }

    /// <summary>Adam steps skipped because their gradient was not finite (φ is never made non-finite).</summary>
    public int SkippedSteps { get; private set; }

    /// <summary>
    /// One Adam step on (1/B) Σ (V − y)²; ∂/∂V_b = 2 (V_b − y_b) / B. Returns the loss before the step. A non-finite
    /// gradient (from a non-finite target or value) skips the step, counted in <see cref="SkippedSteps"/>.
    /// </summary>
    private double Step(double[] observations, double[] targets, int rows)
    {
        ReadOnlySpan<double> v = Network.Forward(Parameters, observations, rows, _workspace);
        if (_outputGradient.Length < rows) _outputGradient = new double[rows];
        double sum = 0.0;
        for (int i = 0; i < rows; i++)
        {
            double e = v[i] - targets[i];
            sum += e * e;
            _outputGradient[i] = 2.0 * e / rows;
        }
        Array.Clear(_gradient);
        Network.Backward(Parameters, _outputGradient, rows, _workspace, _gradient);
        if (VectorOps.AllFinite(_gradient)) Optimizer.Step(Parameters, _gradient);
        else SkippedSteps++;
        return sum / rows;
    }
}
