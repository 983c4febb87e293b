using Trpo.Core.Numerics;

namespace Trpo.Core.Environments;

/// <summary>
/// Acrobot-v1: swing the free end of a two-link chain, actuated only at the joint between the links, above a
/// target height. A port of Gymnasium's <c>AcrobotEnv</c> with its <c>TimeLimit</c> built in.
/// </summary>
/// <remarks>
/// <para><b>Description.</b> The acrobot of R. S. Sutton, "Generalization in reinforcement learning: successful
/// examples using sparse coarse coding", NIPS 8, 1996, with the dynamics of Sutton and Barto, <i>Reinforcement
/// Learning: An Introduction</i> (the "book" equations, Gymnasium's default <c>book_or_nips = "book"</c>).
/// Ported from Gymnasium <c>gymnasium/envs/classic_control/acrobot.py</c> (<c>AcrobotEnv</c>, <c>rk4</c>,
/// <c>wrap</c>, <c>bound</c>) and the registration in <c>gymnasium/envs/__init__.py</c>, tag v1.3.0 (commit
/// 53bf3e9a884783eb72ad3fc8b15780914c97c3e1); time limit as <c>TimeLimit</c> in <c>gymnasium/wrappers/common.py</c>.</para>
///
/// <para><b>Action Space.</b> Discrete(3), passed as a one-element span holding the index: 0 applies torque
/// −1 N·m at the actuated joint, 1 applies 0, 2 applies +1 (Gymnasium's <c>AVAIL_TORQUE</c>; no torque noise,
/// <c>torque_noise_max = 0</c>). Any other value is rejected.</para>
///
/// <para><b>Observation Space.</b> Box of shape (6,), float32 values:</para>
/// <list type="table">
/// <listheader><term>Index</term><description>Observation — low / high</description></listheader>
/// <item><term>0, 1</term><description>cos θ1, sin θ1 — ∓1 (θ1: angle of the first link, 0 = hanging down)</description></item>
/// <item><term>2, 3</term><description>cos θ2, sin θ2 — ∓1 (θ2: angle of the second link relative to the first)</description></item>
/// <item><term>4</term><description>θ1' (rad/s) — ∓4π (<see cref="MaxVelocity1"/>, as float32)</description></item>
/// <item><term>5</term><description>θ2' (rad/s) — ∓9π (<see cref="MaxVelocity2"/>, as float32)</description></item>
/// </list>
///
/// <para><b>State.</b> [θ1, θ2, θ1', θ2'] in float64 (<see cref="GetState"/>). The observation is
/// [cos θ1, sin θ1, cos θ2, sin θ2, θ1', θ2'] computed in float64 and rounded to float32.</para>
///
/// <para><b>Dynamics.</b> The state is augmented with the torque a and advanced by one classical RK4 step of
/// <see cref="TimeStep"/> = 0.2 s (<see cref="RungeKutta4"/>, Gymnasium's <c>rk4(self._dsdt, s_augmented, [0, dt])</c>).
/// With m1 = m2 = 1 kg, l1 = 1 m, lc1 = lc2 = 0.5 m, I1 = I2 = 1 kg·m², g = 9.8 m/s², in Gymnasium's order:
/// <code>
/// d1 = m1 lc1^2 + m2 (l1^2 + lc2^2 + 2 l1 lc2 cos θ2) + I1 + I2
/// d2 = m2 (lc2^2 + l1 lc2 cos θ2) + I2
/// φ2 = m2 lc2 g cos(θ1 + θ2 − π/2)
/// φ1 = −m2 l1 lc2 θ2'^2 sin θ2 − 2 m2 l1 lc2 θ2' θ1' sin θ2 + (m1 lc1 + m2 l1) g cos(θ1 − π/2) + φ2
/// θ2'' = (a + d2/d1 φ1 − m2 l1 lc2 θ1'^2 sin θ2 − φ2) / (m2 lc2^2 + I2 − d2^2/d1)
/// θ1'' = −(d2 θ2'' + φ1) / d1
/// </code>
/// After the step θ1 and θ2 are wrapped into [−π, π] (by adding or subtracting 2π while outside, Gymnasium's
/// <c>wrap</c>) and θ1', θ2' clipped to ±4π and ±9π (<c>bound</c>). Sine and cosine come from
/// <see cref="DetMath"/> (correctly rounded in practice; Gymnasium calls NumPy's, which on the recording
/// machine are glibc's, off by an ulp for about 0.1% of arguments); squares are x·x, correctly rounded. Gymnasium writes the squares <c>x**2</c>, which
/// on NumPy float64 scalars calls C <c>pow</c>, and glibc's pow(x, 2) is 1 ulp away from x·x for about 0.09% of
/// x; from a common start state that can separate the two trajectories by ~1e-12 relative after a few
/// hundred steps (measured: see <c>tests/.../Environments/Fixtures/README.md</c>).</para>
///
/// <para><b>Rewards.</b> −1 for every step that does not reach the target, 0 for the step that does.
/// Reward threshold −100 (registered for Acrobot-v1).</para>
///
/// <para><b>Starting State.</b> θ1, θ2, θ1', θ2' each uniform on [−0.1, 0.1), drawn in that order and then
/// rounded to float32, as Gymnasium's <c>self.np_random.uniform(low=-0.1, high=0.1, size=(4,)).astype(np.float32)</c>;
/// with a <see cref="NumPyGenerator"/> seeded with s, the same state as Gymnasium's <c>reset(seed=s)</c>.
/// One difference: Gymnasium computes the first observation's cosines and sines from that float32 state in
/// float32 arithmetic (NumPy's float32 kernels), we in float64 then round; the two differ by one float32 ulp
/// in a few resets in a thousand (measured in the reset tests). Every later observation is computed in float64
/// by both.</para>
///
/// <para><b>Episode End.</b> <i>Termination</i>: after a step, −cos θ1 − cos(θ2 + θ1) &gt; 1 (the free end
/// is more than one link length above the pivot). <i>Truncation</i>: <see cref="ElapsedSteps"/> reaches 500.
/// Stepping a finished episode, or an environment never reset, throws <see cref="InvalidOperationException"/>.</para>
///
/// <para><b>Version History.</b> Ours: first port (Gymnasium v1.3.0 Acrobot-v1). Gymnasium's: v1 raised the
/// time limit from 200 to 500 and observes cos/sin of the angles instead of the angles.</para>
/// </remarks>
public sealed class Acrobot : IEnvironment
{
    /// <summary>Gymnasium id.</summary>
    public const string Id = "Acrobot-v1";

    /// <summary>Seconds covered by one step (Gymnasium's <c>dt</c>), integrated by one RK4 step.</summary>
    public const double TimeStep = 0.2;

    /// <summary>Length of link 1, in m.</summary>
    public const double LinkLength1 = 1.0;

    /// <summary>Mass of link 1, in kg.</summary>
    public const double LinkMass1 = 1.0;

    /// <summary>Mass of link 2, in kg.</summary>
    public const double LinkMass2 = 1.0;

    /// <summary>Position of link 1's centre of mass, in m from the pivot.</summary>
    public const double LinkComPosition1 = 0.5;

    /// <summary>Position of link 2's centre of mass, in m from the joint.</summary>
    public const double LinkComPosition2 = 0.5;

    /// <summary>Moment of inertia of each link, in kg·m² (Gymnasium's <c>LINK_MOI</c>).</summary>
    public const double LinkMomentOfInertia = 1.0;

    /// <summary>Gravitational acceleration, in m/s² (Gymnasium's <c>g</c> in <c>_dsdt</c>).</summary>
    public const double Gravity = 9.8;

    /// <summary>Largest |θ1'|, in rad/s: 4π.</summary>
    public const double MaxVelocity1 = 4 * Math.PI;

    /// <summary>Largest |θ2'|, in rad/s: 9π.</summary>
    public const double MaxVelocity2 = 9 * Math.PI;

    /// <summary>Time limit in steps (registered <c>max_episode_steps</c> of Acrobot-v1).</summary>
    public const int MaxEpisodeSteps = 500;

    /// <summary>Registered reward threshold of Acrobot-v1.</summary>
    public const double RewardThreshold = -100.0;

    /// <summary>Half-width of each start-state element's range (Gymnasium's default reset bounds ±0.1).</summary>
    public const double StartHigh = 0.1;

    private const int ObservationSize = 6;

    private static readonly double[] Torques = [-1.0, 0.0, 1.0];
    private static readonly EnvironmentSpec SharedSpec = CreateSpec();
    private static readonly RungeKutta4.Derivative DerivativeOfAugmentedState = Derivatives;

    private double _theta1, _theta2, _dtheta1, _dtheta2;
    private int _elapsedSteps;
    private bool _canStep;

    /// <inheritdoc />
    public EnvironmentSpec Spec => SharedSpec;

    /// <inheritdoc />
    public int ElapsedSteps => _elapsedSteps;

    /// <inheritdoc />
    public void Reset(IRandomSource random, Span<double> observation)
    {
        ArgumentNullException.ThrowIfNull(random);
        RequireObservationLength(observation);
        // uniform(low=-0.1, high=0.1, size=(4,)).astype(np.float32)
        _theta1 = (float)random.NextUniform(-StartHigh, StartHigh);
        _theta2 = (float)random.NextUniform(-StartHigh, StartHigh);
        _dtheta1 = (float)random.NextUniform(-StartHigh, StartHigh);
        _dtheta2 = (float)random.NextUniform(-StartHigh, StartHigh);
        _elapsedSteps = 0;
        _canStep = true;
        WriteObservation(observation);
    }

    /// <summary>Applies torque −1, 0 or +1 (action 0, 1 or 2) for one 0.2 s RK4 step and writes the next observation.</summary>
    /// <exception cref="InvalidOperationException">The episode is over, or the environment was never reset.</exception>
    /// <exception cref="ArgumentException">The action does not have one element.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The action is not 0, 1 or 2.</exception>
    public StepResult Step(ReadOnlySpan<double> action, Span<double> observation)
    {
        if (!_canStep)
        {
            throw new InvalidOperationException(_elapsedSteps == 0
                ? "Acrobot-v1: Step called before Reset."
                : $"Acrobot-v1: the episode is over (after {_elapsedSteps} steps); call Reset before stepping again.");
        }
        if (action.Length != 1)
        {
            throw new ArgumentException($"Acrobot-v1 takes a one-element action holding 0, 1 or 2; got {action.Length} elements.", nameof(action));
        }
        double a = action[0];
        if (a != 0.0 && a != 1.0 && a != 2.0)
        {
            throw new ArgumentOutOfRangeException(nameof(action), a, "Acrobot-v1 actions are 0 (torque -1), 1 (0) or 2 (+1).");
        }
        RequireObservationLength(observation);

        // s_augmented = [θ1, θ2, θ1', θ2', torque]; ns = rk4(_dsdt, s_augmented, [0, dt])
        Span<double> augmented = [_theta1, _theta2, _dtheta1, _dtheta2, Torques[(int)a]];
        Span<double> next = stackalloc double[augmented.Length];
        RungeKutta4.Step(DerivativeOfAugmentedState, augmented, TimeStep, next);

        _theta1 = Wrap(next[0], -Math.PI, Math.PI);
        _theta2 = Wrap(next[1], -Math.PI, Math.PI);
        _dtheta1 = Math.Clamp(next[2], -MaxVelocity1, MaxVelocity1);
        _dtheta2 = Math.Clamp(next[3], -MaxVelocity2, MaxVelocity2);

        // -cos(s0) - cos(s1 + s0) > 1
        bool terminated = -DetMath.Cos(_theta1) - DetMath.Cos(_theta2 + _theta1) > 1.0;
        _elapsedSteps++;
        bool truncated = _elapsedSteps >= MaxEpisodeSteps;
        _canStep = !(terminated || truncated);

        WriteObservation(observation);
        return new StepResult(terminated ? 0.0 : -1.0, terminated, truncated);
    }

    /// <summary>The state [θ1, θ2, θ1', θ2'] in float64 (rad, rad, rad/s, rad/s).</summary>
    public double[] GetState() => [_theta1, _theta2, _dtheta1, _dtheta2];

    /// <summary>Sets the state [θ1, θ2, θ1', θ2'] and the step count of the current episode, ready to step.</summary>
    /// <exception cref="ArgumentException">The state does not have 4 finite elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elapsedSteps"/> is outside [0, 500).</exception>
    public void SetState(ReadOnlySpan<double> state, int elapsedSteps)
    {
        StateChecks.RequireSteppable(Spec, state, elapsedSteps);
        (_theta1, _theta2, _dtheta1, _dtheta2) = (state[0], state[1], state[2], state[3]);
        _elapsedSteps = elapsedSteps;
        _canStep = true;
    }

    /// <summary>
    /// Gymnasium's <c>wrap(x, m, M)</c>: subtracts M − m while x &gt; M, then adds it while x &lt; m, so the
    /// result lies in [m, M]. Evaluates to −π + 0.5 for x = π + 0.5 with m = −π, M = π (up to rounding).
    /// </summary>
    public static double Wrap(double x, double low, double high)
    {
        double diff = high - low;
        while (x > high) x -= diff;
        while (x < low) x += diff;
        return x;
    }

    /// <summary>
    /// Gymnasium's <c>_dsdt</c> with the book equations (see remarks), on the augmented state
    /// [θ1, θ2, θ1', θ2', a]: writes [θ1', θ2', θ1'', θ2'', 0].
    /// </summary>
    private static void Derivatives(ReadOnlySpan<double> s, Span<double> dsdt)
    {
        const double m1 = LinkMass1, m2 = LinkMass2, l1 = LinkLength1;
        const double lc1 = LinkComPosition1, lc2 = LinkComPosition2, i1 = LinkMomentOfInertia, i2 = LinkMomentOfInertia;
        const double g = Gravity;
        double theta1 = s[0], theta2 = s[1], dtheta1 = s[2], dtheta2 = s[3], a = s[4];
        double cosTheta2 = DetMath.Cos(theta2);
        double sinTheta2 = DetMath.Sin(theta2);

        // d1 = m1 lc1^2 + m2 (l1^2 + lc2^2 + 2 l1 lc2 cos θ2) + I1 + I2
        double d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cosTheta2) + i1 + i2;
        // d2 = m2 (lc2^2 + l1 lc2 cos θ2) + I2
        double d2 = m2 * (lc2 * lc2 + l1 * lc2 * cosTheta2) + i2;
        // φ2 = m2 lc2 g cos(θ1 + θ2 − π/2)
        double phi2 = m2 * lc2 * g * DetMath.Cos(theta1 + theta2 - Math.PI / 2.0);
        // φ1 = −m2 l1 lc2 θ2'^2 sin θ2 − 2 m2 l1 lc2 θ2' θ1' sin θ2 + (m1 lc1 + m2 l1) g cos(θ1 − π/2) + φ2
        double phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * sinTheta2
            - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sinTheta2
            + (m1 * lc1 + m2 * l1) * g * DetMath.Cos(theta1 - Math.PI / 2)
            + phi2;
        // θ2'' = (a + d2/d1 φ1 − m2 l1 lc2 θ1'^2 sin θ2 − φ2) / (m2 lc2^2 + I2 − d2^2/d1)
        double ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * sinTheta2 - phi2)
            / (m2 * (lc2 * lc2) + i2 - d2 * d2 / d1);
        // θ1'' = −(d2 θ2'' + φ1) / d1
        double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;

        dsdt[0] = dtheta1;
        dsdt[1] = dtheta2;
        dsdt[2] = ddtheta1;
        dsdt[3] = ddtheta2;
        dsdt[4] = 0.0;
    }

    /// <inheritdoc />
    public void Observe(Span<double> observation)
    {
        RequireObservationLength(observation);
        WriteObservation(observation);
    }

    private void WriteObservation(Span<double> observation)
    {
        // np.array([cos(s[0]), sin(s[0]), cos(s[1]), sin(s[1]), s[2], s[3]], dtype=np.float32)
        observation[0] = (float)DetMath.Cos(_theta1);
        observation[1] = (float)DetMath.Sin(_theta1);
        observation[2] = (float)DetMath.Cos(_theta2);
        observation[3] = (float)DetMath.Sin(_theta2);
        observation[4] = (float)_dtheta1;
        observation[5] = (float)_dtheta2;
    }

    private static void RequireObservationLength(Span<double> observation)
    {
        if (observation.Length != ObservationSize)
        {
            throw new ArgumentException($"Acrobot-v1 observations have {ObservationSize} elements; the buffer has {observation.Length}.", nameof(observation));
        }
    }

    private static EnvironmentSpec CreateSpec()
    {
        // Gymnasium: high = np.array([1.0, 1.0, 1.0, 1.0, MAX_VEL_1, MAX_VEL_2], dtype=np.float32); low = -high
        double[] high = [1.0, 1.0, 1.0, 1.0, (float)MaxVelocity1, (float)MaxVelocity2];
        double[] low = [.. high.Select(h => -h)];
        return new EnvironmentSpec(
            Id: Id,
            ObservationSize: ObservationSize,
            ObservationLow: low,
            ObservationHigh: high,
            ActionKind: ActionKind.Discrete,
            ActionSize: 3,
            ActionLow: [],
            ActionHigh: [],
            MaxEpisodeSteps: MaxEpisodeSteps,
            RewardThreshold: RewardThreshold,
            Description: "Swing the tip of a two-link chain above a line by torquing its middle joint (Gymnasium Acrobot-v1).")
        {
            StateNames = ["theta1", "theta2", "dtheta1", "dtheta2"],
        };
    }
}
