using Trpo.Core.Numerics;
using Trpo.Core.State;

namespace Trpo.Core.Policies;

/// <summary>
/// gSDE's exploration matrices, one per environment (<see cref="StateDependentNoise"/>): environment e acts
/// a = μ(s) + E_eᵀ f(s) with E_e (k × d) drawn from its own stream (<see cref="RngPurpose.ExplorationNoise"/>, index e).
/// E_e is drawn afresh at the start of every rollout and, when <c>sde_sample_freq</c> = n ≥ 1, every n steps of the
/// rollout (before steps 0, n, 2n, ... of each environment); with −1 it is held for the whole rollout.
/// </summary>
/// <remarks>
/// The cadence of stable-baselines3 2.3.2 (<c>stable_baselines3/common/on_policy_algorithm.py</c>,
/// <c>collect_rollouts</c>): <c>reset_noise(env.num_envs)</c> before the rollout, and again whenever
/// <c>sde_sample_freq &gt; 0 and n_steps % sde_sample_freq == 0</c>, n_steps counting the rollout's vector steps
/// from 0; episode ends do not resample. sb3 draws twice before step 0 when sde_sample_freq ≥ 1 (the first draw is
/// overwritten at once); we draw once. Each matrix is E_ij = σ_ij z_ij with σ the log σ matrix in force at the draw
/// (θ only changes between rollouts) and z_ij standard normal, drawn in row-major order.
/// </remarks>
public sealed class ExplorationNoise : IStateful
{
    private readonly Rng[] _rngs;
    private readonly double[] _matrices;
    private readonly long[] _stepsSinceDraw;
    private readonly int _matrixLength;

    /// <summary>
    /// Matrices of <paramref name="featureSize"/> × <paramref name="actionSize"/> for <paramref name="environments"/> environments
    /// of run seed <paramref name="seed"/>, drawn from the streams (<paramref name="seed"/>, <paramref name="purpose"/>, e).
    /// </summary>
    public ExplorationNoise(int environments, int featureSize, int actionSize, int sampleFrequency, ulong seed, RngPurpose purpose = RngPurpose.ExplorationNoise)
    {
        if (sampleFrequency is 0 or < -1) throw new ArgumentOutOfRangeException(nameof(sampleFrequency), sampleFrequency, "must be -1 or at least 1");
        Environments = environments;
        FeatureSize = featureSize;
        ActionSize = actionSize;
        SampleFrequency = sampleFrequency;
        _matrixLength = featureSize * actionSize;
        _rngs = new Rng[environments];
        for (int e = 0; e < environments; e++) _rngs[e] = Rng.ForStream(seed, purpose, (ulong)e);
        _matrices = new double[environments * _matrixLength];
        _stepsSinceDraw = new long[environments];
    }

    /// <summary>Number of environments (and matrices).</summary>
    public int Environments { get; }
    /// <summary>k, the feature width (rows of a matrix).</summary>
    public int FeatureSize { get; }
    /// <summary>d, the action dimension (columns of a matrix).</summary>
    public int ActionSize { get; }
    /// <summary>sde_sample_freq: −1 (draw only at the start of a rollout) or n ≥ 1 (also every n steps).</summary>
    public int SampleFrequency { get; }

    /// <summary>E_e, k × d row-major (element [i, j] at i·d + j).</summary>
    public ReadOnlySpan<double> Matrix(int environment) => _matrices.AsSpan(environment * _matrixLength, _matrixLength);

    /// <summary>Steps environment <paramref name="environment"/> has acted with its current matrix.</summary>
    public long StepsSinceDraw(int environment) => _stepsSinceDraw[environment];

    /// <summary>
    /// Gets environment <paramref name="environment"/>'s matrix ready for step <paramref name="step"/> of the rollout (0-based):
    /// draws it at step 0, and at steps that are multiples of <see cref="SampleFrequency"/> when that is ≥ 1.
    /// </summary>
    public void BeforeStep(int environment, int step, ReadOnlySpan<double> logStd)
    {
        if (step == 0 || (SampleFrequency > 0 && _stepsSinceDraw[environment] >= SampleFrequency)) Draw(environment, logStd);
    }

    /// <summary>a = μ + E_eᵀ f for the distribution inputs <paramref name="row"/> = [μ (d) | f (k)], then counts the step.</summary>
    public void Act(int environment, ReadOnlySpan<double> row, Span<double> action)
    {
        StateDependentNoise.Act(row[..ActionSize], row.Slice(ActionSize, FeatureSize), Matrix(environment), action);
        _stepsSinceDraw[environment]++;
    }

    /// <summary>Draws E_e afresh from <paramref name="logStd"/> (k × d) and resets its step count.</summary>
    public void Draw(int environment, ReadOnlySpan<double> logStd)
    {
        StateDependentNoise.SampleMatrix(logStd, _rngs[environment], _matrices.AsSpan(environment * _matrixLength, _matrixLength));
        _stepsSinceDraw[environment] = 0;
    }

    /// <summary>
    /// Per environment e, its stream (<c>env{e}.rng</c>). The matrices and their step counts are not state between
    /// epochs: every rollout starts by drawing all matrices afresh (sb3's cadence), so nothing of them reaches the next epoch.
    /// </summary>
    public void CaptureState(StateWriter state)
    {
        for (int e = 0; e < Environments; e++) state.Scope($"env{e}").Part("rng", _rngs[e]);
    }

    /// <summary>Restores what <see cref="CaptureState"/> wrote.</summary>
    public void RestoreState(StateReader state)
    {
        for (int e = 0; e < Environments; e++) state.Scope($"env{e}").Part("rng", _rngs[e]);
    }
}
