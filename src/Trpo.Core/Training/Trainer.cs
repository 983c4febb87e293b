using System.Runtime.InteropServices;
using Trpo.Core.Advantage;
using Trpo.Core.Environments;
using Trpo.Core.Evaluation;
using Trpo.Core.Numerics;
using Trpo.Core.Policies;
using Trpo.Core.State;
using Trpo.Core.Tracing;

namespace Trpo.Core.Training;

/// <summary>
/// Runs TRPO epochs on one environment with one seed (design.md, "One iteration"). Everything it computes is
/// a pure function of (options, environment id, seed, epochs run): the same inputs give the same bits.
/// </summary>
public sealed class Trainer
{
    private readonly StochasticPolicy _policy;
    private readonly ValueFunction _valueFunction;
    private readonly RolloutCollector _collector;
    private RolloutBatch _batch;
    private readonly RolloutAhead? _ahead;
    private readonly PolicyStep _policyStep;
    private readonly Rng _shuffleRng;
    private readonly double[] _values;
    private readonly double[] _bootstrapValues;
    private readonly double[] _deltas;
    private readonly double[] _advantages;
    private readonly double[] _normalizedAdvantages;
    private readonly double[] _targets;
    private readonly double[] _bootstrapInputs;
    private readonly double[] _bootstrapPredictions;
    private readonly int[] _bootstrapRows;
    private readonly Workers _workers;
    private readonly PairJob _updates;
    private readonly Func<IEnvironment> _createEnvironment;

    /// <summary>
    /// Sets up networks, environments and RNG streams. Throws <see cref="ArgumentException"/> when the options are
    /// invalid (all messages joined) and <see cref="KeyNotFoundException"/> for an unknown environment.
    /// <paramref name="threads"/> bounds the threads batch work may use; results do not depend on it.
    /// <paramref name="createEnvironment"/>, when given, makes the environments instead of the registry (for
    /// configurable tasks such as LQR-v0 with a user's system); they should be the task <paramref name="environmentId"/> names.
    /// </summary>
    public Trainer(TrpoOptions options, string environmentId, ulong seed, int threads = 1, Func<IEnvironment>? createEnvironment = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        Options = options;
        createEnvironment ??= () => EnvironmentRegistry.Create(environmentId);
        _createEnvironment = createEnvironment;
        Spec = createEnvironment().Spec;
        if (options.UseSde && Spec.ActionKind != ActionKind.Continuous)
            throw new ArgumentException($"use_sde needs continuous actions; {environmentId} has discrete actions", nameof(options));
        Seed = seed;
        var workers = new Workers(threads);
        _workers = workers;
        _updates = new PairJob(UpdatePolicyThenCollectAhead, FitValueFunction);

        _policy = new StochasticPolicy(Spec.ObservationSize, Spec.ActionKind, Spec.ActionSize, options.HiddenSizes, options.UseSde);
        PolicyParameters = new double[_policy.ParameterCount];
        _policy.Initialize(PolicyParameters, options.Init, options.LogStdInit, Rng.ForStream(seed, RngPurpose.PolicyInit));
        _valueFunction = new ValueFunction(Spec.ObservationSize, options.HiddenSizes, options.VfLr, options.AdamEps, workers);
        _valueFunction.Initialize(options.Init, Rng.ForStream(seed, RngPurpose.ValueInit));
        _shuffleRng = Rng.ForStream(seed, RngPurpose.MinibatchShuffle);

        int stepsPerEnv = options.StepsPerEpoch / options.NumEnvs;
        _collector = new RolloutCollector(createEnvironment, options.NumEnvs, seed, _policy, workers, options.SdeSampleFreq, options.ClipActions, VecNormalizer.For(options, Spec.ObservationSize));
        _batch = new RolloutBatch(options.NumEnvs, stepsPerEnv, Spec.ObservationSize, _policy.ActionWidth);
        _policyStep = new PolicyStep(_policy, options, _batch.Rows, workers);
        int rows = _batch.Rows;
        // collecting ahead pays only where the two updates run side by side (see RunEpoch); normalised runs are left out
        // because the normaliser's statistics, which evaluation and traces read between epochs, would already include the next batch
        if (workers.Threads >= 2 && SideBySide && rows <= RolloutAhead.MaxRows && _collector.Normalizer is null)
            _ahead = new RolloutAhead(_batch, PolicyParameters.Length);
        _values = new double[rows];
        _bootstrapValues = new double[rows];
        _deltas = new double[rows];
        _advantages = new double[rows];
        _normalizedAdvantages = new double[rows];
        _targets = new double[rows];
        _bootstrapInputs = new double[rows * Spec.ObservationSize];
        _bootstrapPredictions = new double[rows];
        _bootstrapRows = new int[rows];
    }

    /// <summary>The hyperparameters in force.</summary>
    public TrpoOptions Options { get; }
    /// <summary>The environment's spec.</summary>
    public EnvironmentSpec Spec { get; }
    /// <summary>The run's seed.</summary>
    public ulong Seed { get; }
    /// <summary>Epochs completed.</summary>
    public int Epoch { get; private set; }
    /// <summary>Environment steps taken so far.</summary>
    public long EnvSteps { get; private set; }
    /// <summary>θ of the policy.</summary>
    public double[] PolicyParameters { get; }
    /// <summary>φ of the value function.</summary>
    public double[] ValueParameters => _valueFunction.Parameters;
    /// <summary>The policy (network and distribution).</summary>
    public StochasticPolicy Policy => _policy;
    /// <summary>The observation and reward normaliser (options normalize_obs, normalize_reward), or null when the run normalises nothing.</summary>
    public VecNormalizer? Normalizer => _collector.Normalizer;
    /// <summary>The last epoch's policy step with all its intermediates (null before the first epoch).</summary>
    public PolicyStepResult? LastPolicyStep { get; private set; }
    /// <summary>The last epoch's value-fit losses, one per Adam step.</summary>
    public double[] LastValueLosses { get; private set; } = [];
    /// <summary>When true, each epoch records every intermediate into <see cref="LastTrace"/>. Off by default; costs nothing when off.</summary>
    public bool RecordTrace { get; set; }
    /// <summary>The last epoch's trace when <see cref="RecordTrace"/> was on (null otherwise).</summary>
    public EpochTrace? LastTrace { get; private set; }
    /// <summary>Told when each phase of an epoch starts and ends (timing hosts such as <c>trpo bench</c>); null by default. Never changes a result.</summary>
    public IEpochPhaseObserver? PhaseObserver { get; set; }

    /// <summary>
    /// Every part of the trainer that holds mutable state, by name. A component added to the engine is one line
    /// here; <see cref="CaptureState"/> and <see cref="RestoreState"/> follow. The resume tests (restore into a
    /// fresh trainer, go on, compare bit for bit with the uninterrupted run) fail when something is left out.
    /// </summary>
    private IEnumerable<(string Name, IStateful Part)> StatefulParts() =>
    [
        ("counters", new StatefulPart(
            w => { w.Integer("epoch", Epoch); w.Integer("env_steps", EnvSteps); },
            r => { Epoch = r.Int32("epoch"); EnvSteps = r.Integer("env_steps"); })),
        ("policy", StatefulPart.Vector("theta", PolicyParameters)),
        ("value", _valueFunction),
        ("minibatch_rng", _shuffleRng),
        ("rollout", _ahead?.CollectorBefore ?? _collector),
    ];

    /// <summary>
    /// The trainer's whole mutable state between epochs, as plain data (a deep copy): restoring it into a trainer built
    /// with the same options, environment and seed makes that trainer continue bit for bit as this one would.
    /// </summary>
    public EngineState CaptureState()
    {
        var writer = new StateWriter();
        foreach (var (name, part) in StatefulParts()) writer.Part(name, part);
        return writer.Build();
    }

    /// <summary>
    /// Puts the trainer into <paramref name="state"/> (from <see cref="CaptureState"/> of a trainer with the same options,
    /// environment and seed). Throws <see cref="IncompatibleStateException"/> when an entry is missing, has another kind
    /// or length, or is not used by this trainer.
    /// </summary>
    public void RestoreState(EngineState state)
    {
        _ahead?.Drop();
        var reader = new StateReader(state);
        foreach (var (name, part) in StatefulParts()) reader.Part(name, part);
        reader.RequireAllRead();
        LastPolicyStep = null;
        LastValueLosses = [];
        LastTrace = null;
    }

    /// <summary>
    /// Evaluation of the current policy (<see cref="PolicyEvaluation"/>), deterministic unless <paramref name="stochastic"/>: <paramref name="episodes"/>
    /// episodes on a new environment of the run's task whose first reset is Gymnasium's <c>reset(seed=<paramref name="seed"/>)</c>,
    /// observations normalised with the run's current statistics, frozen. Changes nothing in the trainer.
    /// </summary>
    public EvaluationResult Evaluate(ulong seed, int episodes, bool stochastic = false)
        => PolicyEvaluation.Run(_policy, PolicyParameters, _createEnvironment(), Normalizer, seed, episodes, stochastic, Options.SdeSampleFreq);

    /// <summary>Collects one batch, updates the policy and the value function, and reports.</summary>
    public EpochReport RunEpoch()
    {
        int rows = _batch.Rows, obsSize = Spec.ObservationSize;
        // 1. Collect (unless the last epoch already did, with this θ: RolloutAhead)
        if (_ahead is null || !_ahead.TryTake(_collector, PolicyParameters, ref _batch)) Collect(_batch);

        // 2. Values, GAE, targets
        PhaseObserver?.PhaseStarted(EpochPhase.Advantages);
        _valueFunction.Predict(_batch.Observations, rows, _values);
        PredictBootstrapValues(rows, obsSize);
        int T = _batch.StepsPerEnvironment;
        for (int e = 0; e < _batch.Environments; e++)
        {
            var seg = new Range(e * T, (e + 1) * T);
            Gae.Compute(_batch.Rewards.AsSpan(seg), _values.AsSpan(seg), _batch.Terminated.AsSpan(seg), _batch.Truncated.AsSpan(seg),
                _bootstrapValues.AsSpan(seg), Options.Gamma, Options.Lam, _deltas.AsSpan(seg), _advantages.AsSpan(seg), _targets.AsSpan(seg));
        }
        double valueLoss = _valueFunction.Loss(_values, _targets);
        double explainedVariance = ExplainedVariance(_values, _targets);
        if (Options.NormalizeAdvantages) AdvantageNormalizer.Normalize(_advantages, _normalizedAdvantages);
        else _advantages.CopyTo(_normalizedAdvantages, 0);
        PhaseObserver?.PhaseEnded(EpochPhase.Advantages);

        // 3-7. Policy step and 8. value function: both read the batch and nothing the other writes. A critic of
        // minibatches within one chunk cannot spread over threads, so there the two run side by side; otherwise
        // one after the other, each over all threads. Either way each computes exactly what it computes alone.
        // Side by side on two threads, the policy's thread then collects the next epoch's batch into the spare
        // buffer (RolloutAhead), touching only the collector, θ's copy and that buffer, none of which the value fit reads.
        int skippedBefore = _valueFunction.SkippedSteps;
        if (SideBySide) _workers.For(PairJob.Chunks, _updates);
        else
        {
            UpdatePolicy();
            FitValueFunction();
        }
        var step = LastPolicyStep!;
        var fault = NumericalFaults(step, _valueFunction.SkippedSteps - skippedBefore);

        Epoch++;
        EnvSteps += rows;
        LastTrace = RecordTrace
            ? EpochTraceRecorder.Record(Epoch,
                new EpochTraceRecorder.BatchIntermediates(_batch, _values, _bootstrapValues, _deltas, _advantages, _normalizedAdvantages, _targets, valueLoss, explainedVariance),
                step, PolicyParameters, LastValueLosses, ValueParameters, Normalizer)
            : null;
        var accepted = step.LineSearch?.AcceptedAttempt;
        var returns = _batch.EpisodeReturns;
        ReadOnlySpan<double> returnsSpan = CollectionsMarshal.AsSpan(returns);
        long lengthSum = 0;
        foreach (int length in CollectionsMarshal.AsSpan(_batch.EpisodeLengths)) lengthSum += length;
        return new EpochReport
        {
            Epoch = Epoch,
            EnvSteps = EnvSteps,
            Episodes = returns.Count,
            ReturnMean = VectorOps.Mean(returnsSpan),
            ReturnStd = Math.Sqrt(VectorOps.Variance(returnsSpan)),
            ReturnMin = returns.Count == 0 ? double.NaN : returns.Min(),
            ReturnMax = returns.Count == 0 ? double.NaN : returns.Max(),
            LengthMean = _batch.EpisodeLengths.Count == 0 ? double.NaN : (double)lengthSum / _batch.EpisodeLengths.Count,
            Kl = accepted?.Kl ?? 0.0,
            Entropy = step.Entropy,
            SurrogateImprovement = accepted?.Improvement ?? 0.0,
            Backtracks = step.LineSearch is null ? 0 : accepted is null ? step.LineSearch.Attempts.Count : step.LineSearch.Attempts.Count - 1,
            AcceptedStepFraction = step.AcceptedStepFraction,
            CgResidual = step.ConjugateGradient?.FinalResidual ?? double.NaN,
            Curvature = step.Curvature,
            ValueLoss = valueLoss,
            ExplainedVariance = explainedVariance,
            SkipReason = fault ?? (step.LineSearch is { Accepted: false } ? "line search found no acceptable step" : null),
            NumericalFault = fault,
        };
    }

    /// <summary>The epoch's numerical faults as one text (see <see cref="EpochReport.NumericalFault"/>), or null (allocating nothing then).</summary>
    private string? NumericalFaults(PolicyStepResult step, int skippedValueSteps)
    {
        int nonFiniteRewards = 0;
        foreach (double r in _batch.Rewards) if (!double.IsFinite(r)) nonFiniteRewards++;
        string? rewards = nonFiniteRewards > 0 ? $"non-finite reward from the environment at {nonFiniteRewards} of {_batch.Rows} steps" : null;
        string? valueFit = skippedValueSteps > 0 ? $"value fit skipped {skippedValueSteps} of {LastValueLosses.Length} steps (non-finite gradient)" : null;
        return JoinPresent(JoinPresent(rewards, step.SkipReason), valueFit);
    }

    private static string? JoinPresent(string? first, string? second)
        => first is null ? second : second is null ? first : first + "; " + second;

    /// <summary>Whether the policy step and the value fit run side by side (a critic of minibatches within one chunk).</summary>
    private bool SideBySide => Options.VfBatchSize is > 0 and <= Workers.ChunkRows;

    /// <summary>Step 1 into <paramref name="batch"/> with the current θ.</summary>
    private void Collect(RolloutBatch batch)
    {
        PhaseObserver?.PhaseStarted(EpochPhase.Rollout);
        _collector.Collect(PolicyParameters, batch);
        PhaseObserver?.PhaseEnded(EpochPhase.Rollout);
    }

    /// <summary>
    /// The policy step, then (where <see cref="RolloutAhead"/> is on) the next epoch's rollout with the new θ while the
    /// value fit goes on beside it.
    /// </summary>
    private void UpdatePolicyThenCollectAhead()
    {
        UpdatePolicy();
        if (_ahead is null) return;
        PhaseObserver?.PhaseStarted(EpochPhase.Rollout);
        _ahead.Collect(_collector, PolicyParameters);
        PhaseObserver?.PhaseEnded(EpochPhase.Rollout);
    }

    /// <summary>Steps 3–7: the policy step on this epoch's batch and normalised advantages.</summary>
    private void UpdatePolicy()
    {
        PhaseObserver?.PhaseStarted(EpochPhase.PolicyStep);
        LastPolicyStep = _policyStep.Run(PolicyParameters, _batch.Observations, _batch.Actions, _normalizedAdvantages, _batch.Rows);
        PhaseObserver?.PhaseEnded(EpochPhase.PolicyStep);
    }

    /// <summary>Step 8: the value fit on this epoch's batch and targets.</summary>
    private void FitValueFunction()
    {
        PhaseObserver?.PhaseStarted(EpochPhase.Critic);
        LastValueLosses = _valueFunction.Fit(_batch.Observations, _targets, _batch.Rows, Options.TrainVIters, Options.VfBatchSize, _shuffleRng);
        PhaseObserver?.PhaseEnded(EpochPhase.Critic);
    }

    /// <summary>
    /// V(s_{t+1}) for the rows that need a bootstrap value (truncations and segment ends), 0 elsewhere: the
    /// observations are gathered and evaluated as one batch (a row's value does not depend on its batch).
    /// </summary>
    private void PredictBootstrapValues(int rows, int obsSize)
    {
        Array.Clear(_bootstrapValues);
        int count = 0;
        for (int i = 0; i < rows; i++)
        {
            if (!_batch.NeedsBootstrap[i]) continue;
            _batch.BootstrapObservations.AsSpan(i * obsSize, obsSize).CopyTo(_bootstrapInputs.AsSpan(count * obsSize, obsSize));
            _bootstrapRows[count++] = i;
        }
        if (count == 0) return;
        _valueFunction.Predict(_bootstrapInputs.AsSpan(0, count * obsSize), count, _bootstrapPredictions);
        for (int k = 0; k < count; k++) _bootstrapValues[_bootstrapRows[k]] = _bootstrapPredictions[k];
    }

    /// <summary>1 − Var(y − v) / Var(y) (population variances, as <see cref="VectorOps.Variance"/>); NaN when Var(y) = 0.</summary>
    public static double ExplainedVariance(ReadOnlySpan<double> values, ReadOnlySpan<double> targets)
    {
        double varY = VectorOps.Variance(targets);
        if (varY == 0) return double.NaN;
        // Var(r) for r_i = y_i − v_i, without storing r: mean in index order, then Σ (r_i − mean)² in index order
        int n = targets.Length;
        double sum = 0.0;
        for (int i = 0; i < n; i++) sum += targets[i] - values[i];
        double mean = sum / n;
        double squares = 0.0;
        for (int i = 0; i < n; i++)
        {
            double d = (targets[i] - values[i]) - mean;
            squares += d * d;
        }
        return 1.0 - squares / n / varY;
    }
}
