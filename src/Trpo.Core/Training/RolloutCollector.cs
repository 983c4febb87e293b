using Trpo.Core.Environments;
using Trpo.Core.Numerics;
using Trpo.Core.Policies;

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
/// </remarks>
public sealed class RolloutCollector
{
    private readonly IEnvironment[] _environments;
    private readonly NumPyGenerator[] _resetGenerators;
    private readonly Rng[] _actionRngs;
    private readonly StochasticPolicy _policy;
    private readonly MlpWorkspace _workspace;
    private readonly double[] _currentObservations;
    private readonly double[] _stepActions;
    private readonly double[] _episodeReturns;
    private readonly int[] _episodeLengths;
    private readonly int _obsSize;

    /// <summary>Creates and resets <paramref name="count"/> environments <paramref name="environmentId"/> for run seed <paramref name="seed"/>.</summary>
    public RolloutCollector(string environmentId, int count, ulong seed, StochasticPolicy policy)
        : this(() => EnvironmentRegistry.Create(environmentId), count, seed, policy)
    {
    }

    /// <summary>Creates <paramref name="count"/> environments with <paramref name="createEnvironment"/> and resets them for run seed <paramref name="seed"/>.</summary>
    public RolloutCollector(Func<IEnvironment> createEnvironment, int count, ulong seed, StochasticPolicy policy)
    {
        _policy = policy;
        _environments = new IEnvironment[count];
        _resetGenerators = new NumPyGenerator[count];
        _actionRngs = new Rng[count];
        for (int e = 0; e < count; e++)
        {
            _environments[e] = createEnvironment();
            _resetGenerators[e] = NumPyGenerator.FromSeed(seed + (ulong)e);
            _actionRngs[e] = Rng.ForStream(seed, RngPurpose.ActionSampling, (ulong)e);
        }
        _obsSize = _environments[0].Spec.ObservationSize;
        _workspace = policy.Network.CreateWorkspace(count);
        _currentObservations = new double[count * _obsSize];
        _stepActions = new double[count * policy.ActionWidth];
        _episodeReturns = new double[count];
        _episodeLengths = new int[count];
        for (int e = 0; e < count; e++)
            _environments[e].Reset(_resetGenerators[e], _currentObservations.AsSpan(e * _obsSize, _obsSize));
    }

    /// <summary>The environments, in index order.</summary>
    public IReadOnlyList<IEnvironment> Environments => _environments;

    /// <summary>The reset generator of each environment, in index order (their <see cref="NumPyGenerator.State"/> is what a checkpoint saves).</summary>
    public IReadOnlyList<NumPyGenerator> ResetGenerators => _resetGenerators;

    /// <summary>Fills <paramref name="batch"/> with T steps of every environment under policy parameters <paramref name="theta"/>.</summary>
    public void Collect(double[] theta, RolloutBatch batch)
    {
        int count = _environments.Length, w = _policy.ActionWidth, T = batch.StepsPerEnvironment;
        batch.EpisodeReturns.Clear();
        batch.EpisodeLengths.Clear();
        Array.Clear(batch.NeedsBootstrap);
        for (int t = 0; t < T; t++)
        {
            ReadOnlySpan<double> outputs = _policy.Evaluate(theta, _currentObservations, count, _workspace);
            _policy.Sample(theta, outputs, count, _actionRngs, _stepActions);
            for (int e = 0; e < count; e++)
            {
                int row = batch.Row(e, t);
                Span<double> obs = _currentObservations.AsSpan(e * _obsSize, _obsSize);
                ReadOnlySpan<double> action = _stepActions.AsSpan(e * w, w);
                obs.CopyTo(batch.Observations.AsSpan(row * _obsSize, _obsSize));
                action.CopyTo(batch.Actions.AsSpan(row * w, w));
                StepResult step = _environments[e].Step(action, obs);
                batch.Rewards[row] = step.Reward;
                batch.Terminated[row] = step.Terminated;
                batch.Truncated[row] = step.Truncated;
                _episodeReturns[e] += step.Reward;
                _episodeLengths[e]++;
                bool lastStep = t == T - 1;
                if (!step.Terminated && (step.Truncated || lastStep))
                {
                    // V(s_{t+1}) stands in for the rewards beyond the cut
                    batch.NeedsBootstrap[row] = true;
                    obs.CopyTo(batch.BootstrapObservations.AsSpan(row * _obsSize, _obsSize));
                }
                if (step.Done)
                {
                    batch.EpisodeReturns.Add(_episodeReturns[e]);
                    batch.EpisodeLengths.Add(_episodeLengths[e]);
                    _episodeReturns[e] = 0.0;
                    _episodeLengths[e] = 0;
                    _environments[e].Reset(_resetGenerators[e], obs);
                }
            }
        }
    }
}
