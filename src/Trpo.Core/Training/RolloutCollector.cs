using Trpo.Core.Environments;
using Trpo.Core.Numerics;
using Trpo.Core.Policies;
using Trpo.Core.State;

namespace Trpo.Core.Training;

/// <summary>
/// Steps E environments in lockstep with the current policy (design.md step 1). Environment e is reset from
/// its own reset generator and samples actions from its own action stream, so the batch is the same however
/// the work is scheduled. Episodes run on across epochs; a segment cut at the end of an epoch is bootstrapped.
/// </summary>
/// <remarks>
/// Reset generators: environment e of a run with seed s resets from NumPy's generator seeded with s + e
/// (<see cref="NumPyGenerator.FromSeed"/>), as stable-baselines3's vector envs seed env e with seed + e
/// (<c>stable_baselines3/common/vec_env/base_vec_env.py</c>, <c>VecEnv.seed</c>: <c>[seed + idx for idx in range(num_envs)]</c>, v2.3.2) and
/// Gymnasium's <c>reset(seed=s + e)</c> then <c>reset()</c> draw: every start state is the one Gymnasium gives.
/// <para>Normalisation (options normalize_obs, normalize_reward; <see cref="VecNormalizer"/>): the policy, the batch
/// and the bootstrap observations hold normalised observations and the batch the normalised rewards, the
/// statistics updated after every lockstep step over all environments in index order, as sb3's
/// <c>VecNormalize</c> does; episode returns and lengths stay raw. That update joins every environment after
/// every step, so a normalising run steps all its environments on one thread (its bits do not depend on the
/// thread count either way).</para>
/// </remarks>
public sealed class RolloutCollector : IStateful
{
    private readonly IEnvironment[] _environments;
    private readonly NumPyGenerator[] _resetGenerators;
    private readonly Rng[] _actionRngs;
    private readonly ExplorationNoise? _noise;
    private readonly EnvironmentSpec? _clipTo;
    private readonly StochasticPolicy _policy;
    private readonly double[] _currentObservations;
    private readonly double[] _stepActions;
    private readonly double[] _episodeReturns;
    private readonly int[] _episodeLengths;
    private readonly int _obsSize;
    private readonly Workers _workers;
    private readonly EnvironmentGroup[] _groups;
    private readonly GroupJob _groupJob;
    private readonly List<EpisodeEnd>[] _episodeEnds;
    private readonly int[] _nextEnd;
    private readonly VecNormalizer? _normalizer;
    private readonly double[] _policyObservations;
    private readonly double[] _stepRewards;
    private readonly double[] _normalizedRewards;
    private readonly bool[] _stepEnded;

    /// <summary>
    /// Creates and resets <paramref name="count"/> environments <paramref name="environmentId"/> for run seed <paramref name="seed"/>,
    /// stepped on up to <paramref name="workers"/> threads (one when null; the batch does not depend on it). A gSDE policy
    /// acts through per-environment exploration matrices drawn every <paramref name="sdeSampleFrequency"/> steps
    /// (−1: once per rollout; <see cref="ExplorationNoise"/>); other policies sample from their action streams.
    /// <paramref name="normalizer"/> (optional, for <paramref name="count"/> environments) normalises observations and rewards.
    /// </summary>
    public RolloutCollector(string environmentId, int count, ulong seed, StochasticPolicy policy, Workers? workers = null, int sdeSampleFrequency = -1, bool clipActions = false, VecNormalizer? normalizer = null)
        : this(() => EnvironmentRegistry.Create(environmentId), count, seed, policy, workers, sdeSampleFrequency, clipActions, normalizer)
    {
    }

    /// <summary>
    /// Creates <paramref name="count"/> environments with <paramref name="createEnvironment"/> and resets them for run seed
    /// <paramref name="seed"/>, stepped on up to <paramref name="workers"/> threads (one when null; the batch does not depend on it).
    /// A gSDE policy acts through per-environment exploration matrices drawn every <paramref name="sdeSampleFrequency"/> steps
    /// (−1: once per rollout; <see cref="ExplorationNoise"/>); other policies sample from their action streams.
    /// <paramref name="clipActions"/> clips continuous actions to the action space before the environment steps (the
    /// batch keeps them unclipped), as sb3's <c>collect_rollouts</c>; <paramref name="normalizer"/> (optional) normalises
    /// observations and rewards.
    /// </summary>
    public RolloutCollector(Func<IEnvironment> createEnvironment, int count, ulong seed, StochasticPolicy policy, Workers? workers = null, int sdeSampleFrequency = -1, bool clipActions = false, VecNormalizer? normalizer = null)
    {
        if (normalizer is not null && normalizer.Environments != count)
            throw new ArgumentException($"the normaliser is for {normalizer.Environments} environments, the collector has {count}", nameof(normalizer));
        _policy = policy;
        _normalizer = normalizer;
        _environments = new IEnvironment[count];
        _resetGenerators = new NumPyGenerator[count];
        _actionRngs = new Rng[count];
        for (int e = 0; e < count; e++)
        {
            _environments[e] = createEnvironment();
            _resetGenerators[e] = NumPyGenerator.FromSeed(seed + (ulong)e);
            _actionRngs[e] = Rng.ForStream(seed, RngPurpose.ActionSampling, (ulong)e);
        }
        if (policy.UsesStateDependentNoise) _noise = new ExplorationNoise(count, policy.FeatureSize, policy.ActionSize, sdeSampleFrequency, seed);
        _obsSize = _environments[0].Spec.ObservationSize;
        if (clipActions && policy.Kind == ActionKind.Continuous)
            _clipTo = _environments[0].Spec;
        _workers = workers ?? Workers.Single;
        _groups = new EnvironmentGroup[normalizer is null ? Math.Min(_workers.Threads, count) : 1];
        for (int g = 0; g < _groups.Length; g++)
        {
            int first = g * count / _groups.Length, end = (g + 1) * count / _groups.Length;
            _groups[g] = new EnvironmentGroup(first, end - first, policy.CreateWorkspace(end - first), policy.ActionSize);
        }
        _groupJob = new GroupJob(this);
        _episodeEnds = new List<EpisodeEnd>[count];
        for (int e = 0; e < count; e++) _episodeEnds[e] = [];
        _nextEnd = new int[count];
        _currentObservations = new double[count * _obsSize];
        _stepActions = new double[count * policy.ActionWidth];
        _episodeReturns = new double[count];
        _episodeLengths = new int[count];
        _policyObservations = normalizer is null ? _currentObservations : new double[count * _obsSize];
        _stepRewards = new double[count];
        _normalizedRewards = new double[count];
        _stepEnded = new bool[count];
        for (int e = 0; e < count; e++)
            _environments[e].Reset(_resetGenerators[e], _currentObservations.AsSpan(e * _obsSize, _obsSize));
        if (normalizer is not null)
        {
            normalizer.ObserveReset(_currentObservations);
            NormalizeCurrentObservations();
        }
    }

    /// <summary>The normaliser, or null when the run normalises nothing.</summary>
    public VecNormalizer? Normalizer => _normalizer;

    /// <summary>The environments, in index order.</summary>
    public IReadOnlyList<IEnvironment> Environments => _environments;

    /// <summary>gSDE's exploration matrices, or null when the policy does not use gSDE.</summary>
    public ExplorationNoise? ExplorationNoise => _noise;

    /// <summary>The reset generator of each environment, in index order (their <see cref="NumPyGenerator.State"/> is what a checkpoint saves).</summary>
    public IReadOnlyList<NumPyGenerator> ResetGenerators => _resetGenerators;

    /// <summary>
    /// Captures, per environment e (scope <c>env{e}</c>): its state and step count (<see cref="IEnvironment.GetState"/>,
    /// plus its own entries when it is also <see cref="IStateful"/>), its reset generator (the four PCG64 words of
    /// <see cref="Pcg64State.ToWords"/>) and action stream, the running return
    /// and length of the unfinished episode, and the current observation. Between epochs no episode is over (a
    /// finished one is reset at once), so every environment is ready to step. With gSDE, also the streams of the
    /// exploration matrices (scope <c>exploration_noise</c>; the matrices are drawn afresh at the start of every rollout).
    /// </summary>
    public void CaptureState(StateWriter state)
    {
        state.Integer("environments", _environments.Length);
        for (int e = 0; e < _environments.Length; e++)
        {
            var env = state.Scope($"env{e}");
            env.Doubles("state", _environments[e].GetState());
            env.Integer("elapsed_steps", _environments[e].ElapsedSteps);
            if (_environments[e] is IStateful extra) env.Part("extra", extra);
            env.Words("reset_pcg64", _resetGenerators[e].State.ToWords());
            env.Part("action_rng", _actionRngs[e]);
            env.Double("episode_return", _episodeReturns[e]);
            env.Integer("episode_length", _episodeLengths[e]);
            env.Doubles("observation", _currentObservations.AsSpan(e * _obsSize, _obsSize));
        }
        if (_noise is not null) state.Part("exploration_noise", _noise);
        if (_normalizer is not null) state.Part("normalizer", _normalizer);
    }

    /// <summary>Restores what <see cref="CaptureState"/> wrote.</summary>
    public void RestoreState(StateReader state)
    {
        long count = state.Integer("environments");
        if (count != _environments.Length)
            throw new IncompatibleStateException($"the state holds {count} environments, this run has {_environments.Length}");
        Span<ulong> resetWords = stackalloc ulong[4];
        for (int e = 0; e < _environments.Length; e++)
        {
            var env = state.Scope($"env{e}");
            try
            {
                _environments[e].SetState(env.Doubles("state"), env.Int32("elapsed_steps"));
                env.Words("reset_pcg64", resetWords);
                _resetGenerators[e].State = Pcg64State.FromWords(resetWords);
            }
            catch (ArgumentException ex)
            {
                throw new IncompatibleStateException($"environment {e} cannot take the state: {ex.Message}");
            }
            if (_environments[e] is IStateful extra) env.Part("extra", extra);
            env.Part("action_rng", _actionRngs[e]);
            _episodeReturns[e] = env.Double("episode_return");
            _episodeLengths[e] = env.Int32("episode_length");
            env.Doubles("observation", _currentObservations.AsSpan(e * _obsSize, _obsSize));
        }
        if (_noise is not null) state.Part("exploration_noise", _noise);
        if (_normalizer is not null)
        {
            // the policy's observations are the raw ones normalised with the statistics of the last step: recomputed, not stored
            state.Part("normalizer", _normalizer);
            NormalizeCurrentObservations();
        }
    }

    /// <summary>
    /// Fills <paramref name="batch"/> with T steps of every environment under policy parameters <paramref name="theta"/>.
    /// With more than one thread the environments are split into contiguous groups, each stepped in lockstep on
    /// its own thread; environment e's steps depend only on its own state and streams and a row's forward pass
    /// not on its batch, so the batch is the same bits, and episode ends are listed in (step, environment)
    /// order, exactly as one lockstep loop would list them.
    /// </summary>
    public void Collect(double[] theta, RolloutBatch batch)
    {
        batch.EpisodeReturns.Clear();
        batch.EpisodeLengths.Clear();
        Array.Clear(batch.NeedsBootstrap);
        foreach (var ends in _episodeEnds) ends.Clear();
        _groupJob.Prepare(theta, batch);
        _workers.For(_groups.Length, _groupJob);
        // episode ends in the order one lockstep loop meets them: by step, then by environment
        Span<int> next = _nextEnd;
        next.Clear();
        for (int t = 0; t < batch.StepsPerEnvironment; t++)
        {
            for (int e = 0; e < _environments.Length; e++)
            {
                var ends = _episodeEnds[e];
                if (next[e] < ends.Count && ends[next[e]].Step == t)
                {
                    var end = ends[next[e]++];
                    batch.EpisodeReturns.Add(end.Return);
                    batch.EpisodeLengths.Add(end.Length);
                }
            }
        }
    }

    /// <summary>Steps environments [group.First, group.First + group.Count) in lockstep for the batch's T steps.</summary>
    private void CollectGroup(double[] theta, RolloutBatch batch, EnvironmentGroup group)
    {
        int w = _policy.ActionWidth, T = batch.StepsPerEnvironment, first = group.First, count = group.Count;
        Span<double> observations = _policyObservations.AsSpan(first * _obsSize, count * _obsSize);
        Span<double> actions = _stepActions.AsSpan(first * w, count * w);
        for (int t = 0; t < T; t++)
        {
            ReadOnlySpan<double> outputs = _policy.Evaluate(theta, observations, count, group.Workspace);
            if (_noise is null)
                _policy.Sample(theta, outputs, count, _actionRngs.AsSpan(first, count), actions, group.SampleScratch);
            else
                ActWithNoise(theta, outputs, t, group, actions);
            for (int e = first; e < first + count; e++)
            {
                int row = batch.Row(e, t);
                Span<double> obs = _currentObservations.AsSpan(e * _obsSize, _obsSize);
                ReadOnlySpan<double> action = _stepActions.AsSpan(e * w, w);
                _policyObservations.AsSpan(e * _obsSize, _obsSize).CopyTo(batch.Observations.AsSpan(row * _obsSize, _obsSize));
                action.CopyTo(batch.Actions.AsSpan(row * w, w));
                StepResult step = _environments[e].Step(_clipTo is null ? action : _clipTo.ClipAction(action, group.ClippedAction), obs);
                batch.Rewards[row] = step.Reward;
                batch.Terminated[row] = step.Terminated;
                batch.Truncated[row] = step.Truncated;
                _episodeReturns[e] += step.Reward;
                _episodeLengths[e]++;
                _stepRewards[e] = step.Reward;
                _stepEnded[e] = step.Done;
                bool lastStep = t == T - 1;
                if (!step.Terminated && (step.Truncated || lastStep))
                {
                    // V(s_{t+1}) stands in for the rewards beyond the cut (normalised below when normalising)
                    batch.NeedsBootstrap[row] = true;
                    obs.CopyTo(batch.BootstrapObservations.AsSpan(row * _obsSize, _obsSize));
                }
                if (step.Done)
                {
                    _episodeEnds[e].Add(new EpisodeEnd(t, _episodeReturns[e], _episodeLengths[e]));
                    _episodeReturns[e] = 0.0;
                    _episodeLengths[e] = 0;
                    _environments[e].Reset(_resetGenerators[e], obs);
                }
            }
            if (_normalizer is not null) NormalizeStep(batch, t);
        }
    }

    /// <summary>
    /// After lockstep step <paramref name="t"/> of every environment (one group): sb3's <c>VecNormalize.step_wait</c>
    /// on the raw observations (the next episode's first one where an episode ended) and rewards, then the
    /// batch's rewards, its bootstrap observations of step t and the policy's observations normalised.
    /// </summary>
    private void NormalizeStep(RolloutBatch batch, int t)
    {
        var normalizer = _normalizer!;
        normalizer.ObserveStep(_currentObservations, _stepRewards, _stepEnded, _normalizedRewards);
        Span<double> scratch = stackalloc double[_obsSize];
        for (int e = 0; e < _environments.Length; e++)
        {
            int row = batch.Row(e, t);
            batch.Rewards[row] = _normalizedRewards[e];
            if (batch.NeedsBootstrap[row])
            {
                Span<double> bootstrap = batch.BootstrapObservations.AsSpan(row * _obsSize, _obsSize);
                bootstrap.CopyTo(scratch);
                normalizer.NormalizeObservation(scratch, bootstrap);
            }
        }
        NormalizeCurrentObservations();
    }

    /// <summary>The policy's observations: each environment's raw current observation normalised with the current statistics.</summary>
    private void NormalizeCurrentObservations()
    {
        for (int e = 0; e < _environments.Length; e++)
            _normalizer!.NormalizeObservation(_currentObservations.AsSpan(e * _obsSize, _obsSize), _policyObservations.AsSpan(e * _obsSize, _obsSize));
    }

    /// <summary>gSDE: each environment of the group draws its matrix when due, then acts a = μ + E_eᵀ f.</summary>
    private void ActWithNoise(double[] theta, ReadOnlySpan<double> outputs, int step, EnvironmentGroup group, Span<double> actions)
    {
        int d = _policy.ActionSize, width = _policy.OutputWidth;
        ReadOnlySpan<double> logStd = _policy.LogStd(theta);
        for (int n = 0; n < group.Count; n++)
        {
            int e = group.First + n;
            _noise!.BeforeStep(e, step, logStd);
            _noise.Act(e, outputs.Slice(n * width, width), actions.Slice(n * d, d));
        }
    }

    /// <summary>An episode that ended at step <paramref name="Step"/> of the epoch with this return and length.</summary>
    private readonly record struct EpisodeEnd(int Step, double Return, int Length);

    /// <summary>Environments stepped together on one thread, with that thread's buffers.</summary>
    private sealed class EnvironmentGroup(int first, int count, MlpWorkspace workspace, int actionSize)
    {
        public int First { get; } = first;
        public int Count { get; } = count;
        public MlpWorkspace Workspace { get; } = workspace;
        public double[] SampleScratch { get; } = new double[actionSize];
        public double[] ClippedAction { get; } = new double[actionSize];
    }

    /// <summary>The groups as one pass of <see cref="Workers.For(int, IChunkJob)"/> (created once: no allocation per epoch).</summary>
    private sealed class GroupJob(RolloutCollector collector) : IChunkJob
    {
        private double[] _theta = [];
        private RolloutBatch? _batch;

        public void Prepare(double[] theta, RolloutBatch batch) => (_theta, _batch) = (theta, batch);

        public void Run(int chunk, int worker) => collector.CollectGroup(_theta, _batch!, collector._groups[chunk]);
    }
}
