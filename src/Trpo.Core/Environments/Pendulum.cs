using Trpo.Core.Numerics;

namespace Trpo.Core.Environments;

/// <summary>
/// Pendulum-v1: swing a torque-limited pendulum up to the upright position and keep it there.
/// A port of Gymnasium's <c>PendulumEnv</c> with its <c>TimeLimit</c> built in.
/// </summary>
/// <remarks>
/// <para><b>Description.</b> The classic inverted-pendulum swing-up problem of control theory (a torque too
/// weak to lift the pendulum directly, so it must swing up), in the form of OpenAI Gym's Pendulum (G. Brockman
/// et al., "OpenAI Gym", arXiv:1606.01540, 2016). Ported from Gymnasium
/// <c>gymnasium/envs/classic_control/pendulum.py</c> (<c>PendulumEnv</c>, default <c>g = 10.0</c>) and the
/// registration in <c>gymnasium/envs/__init__.py</c>, read at tag v1.3.0 (commit
/// 53bf3e9a884783eb72ad3fc8b15780914c97c3e1); the dynamics and rewards are the same in every release from
/// v1.0.0 to v1.3.0. The time limit follows <c>TimeLimit</c> in <c>gymnasium/wrappers/common.py</c>.</para>
///
/// <para><b>Action Space.</b> Box(-2, 2, (1,)): the torque u in N·m, positive counter-clockwise. As in
/// Gymnasium, any finite or infinite value is accepted and clipped to [-<see cref="MaxTorque"/>,
/// <see cref="MaxTorque"/>] inside the step; both the dynamics and the reward use the clipped torque. A NaN
/// torque (which Gymnasium would propagate into the state) and an action span whose length is not 1 throw
/// <see cref="ArgumentException"/>. The torque is used as the float64 it arrives as, which matches
/// Gymnasium fed a float64 action array (a float32 array makes NumPy 2 evaluate the torque terms in float32).</para>
///
/// <para><b>Observation Space.</b> Box of shape (3,), float32 values (written as doubles holding float32 values):</para>
/// <list type="table">
/// <listheader><term>Index</term><description>Observation — low / high</description></listheader>
/// <item><term>0</term><description>cos(theta) — -1 / 1</description></item>
/// <item><term>1</term><description>sin(theta) — -1 / 1</description></item>
/// <item><term>2</term><description>Angular velocity theta_dot (rad/s) — -8 / 8</description></item>
/// </list>
///
/// <para><b>State.</b> [theta, theta_dot] in float64 (<see cref="GetState"/>); theta in rad, 0 = upright,
/// never wrapped (it grows as the pendulum spins). The observation is computed from the float64 state and
/// then rounded to float32.</para>
///
/// <para><b>Dynamics.</b> Semi-implicit Euler with time step <see cref="TimeStep"/>, in Gymnasium's order:
/// <code>
/// u          = clip(u, -2, 2)
/// theta_dot' = clip(theta_dot + (3 g / (2 l) * sin(theta) + 3 / (m l^2) * u) * dt, -8, 8)
/// theta'     = theta + theta_dot' * dt
/// </code>
/// The sine comes from <see cref="DetMath"/> (Gymnasium calls <c>np.sin</c>).</para>
///
/// <para><b>Rewards.</b> r = -(angle_normalize(theta)^2 + 0.1 theta_dot^2 + 0.001 u^2), evaluated at the
/// state <i>before</i> the step with the <i>clipped</i> torque, where angle_normalize(x) = ((x + π) mod 2π) - π
/// with Python's floored modulo (result in [-π, π)). The reward lies in [-16.2736044, 0]. No reward threshold
/// is registered for Pendulum-v1. Squares are evaluated as x * x (correctly rounded); Gymnasium's <c>** 2</c>
/// on NumPy float64 scalars calls C <c>pow</c>, which glibc occasionally rounds 1 ulp differently, so a reward
/// can differ from Gymnasium's in the last bit (the state never does: the dynamics have no squares).</para>
///
/// <para><b>Starting State.</b> theta uniform on [-π, π), then theta_dot uniform on [-1, 1), as Gymnasium's
/// <c>self.np_random.uniform(low=-high, high=high)</c> with <c>high = [DEFAULT_X, DEFAULT_Y] = [π, 1]</c>
/// (drawn element by element): with a <see cref="NumPyGenerator"/> seeded with s, the same float64 state
/// as Gymnasium's <c>reset(seed=s)</c>.</para>
///
/// <para><b>Episode End.</b> <i>Termination</i>: never. <i>Truncation</i>: <see cref="ElapsedSteps"/> reaches
/// 200 (Gymnasium's <c>TimeLimit</c>: <c>elapsed &gt;= max_episode_steps</c>). Stepping a truncated episode
/// or an environment that was never reset throws <see cref="InvalidOperationException"/>.</para>
///
/// <para><b>Version History.</b> Ours: first port (Gymnasium v1.3.0 Pendulum-v1). Gymnasium's: v1 simplified
/// the equations without changing behaviour; v0 was the initial release.</para>
/// </remarks>
public sealed class Pendulum : IEnvironment
{
    /// <summary>Gymnasium id.</summary>
    public const string Id = "Pendulum-v1";

    /// <summary>Largest angular speed, in rad/s; the new theta_dot is clipped to ±this.</summary>
    public const double MaxSpeed = 8;

    /// <summary>Largest torque magnitude, in N·m; actions are clipped to ±this.</summary>
    public const double MaxTorque = 2.0;

    /// <summary>Seconds between state updates (Gymnasium's <c>dt</c>).</summary>
    public const double TimeStep = 0.05;

    /// <summary>Gravitational acceleration g, in m/s² (Gymnasium's default <c>g</c>).</summary>
    public const double Gravity = 10.0;

    /// <summary>Mass of the pendulum, in kg.</summary>
    public const double Mass = 1.0;

    /// <summary>Length of the pendulum, in m.</summary>
    public const double Length = 1.0;

    /// <summary>Time limit in steps (registered <c>max_episode_steps</c> of Pendulum-v1).</summary>
    public const int MaxEpisodeSteps = 200;

    /// <summary>Half-width of the start angle's range, in rad (Gymnasium's <c>DEFAULT_X = np.pi</c>).</summary>
    public const double StartAngleHigh = Math.PI;

    /// <summary>Half-width of the start angular velocity's range, in rad/s (Gymnasium's <c>DEFAULT_Y</c>).</summary>
    public const double StartAngularVelocityHigh = 1.0;

    /// <summary>Coefficient of sin(theta) in the angular acceleration: 3 g / (2 l), in 1/s².</summary>
    private const double GravityTerm = 3 * Gravity / (2 * Length);

    /// <summary>Coefficient of the torque in the angular acceleration: 3 / (m l²), in 1/(kg·m²).</summary>
    private const double TorqueTerm = 3.0 / (Mass * (Length * Length));

    private const int ObservationSize = 3;

    private static readonly EnvironmentSpec SharedSpec = CreateSpec();

    private double _theta, _thetaDot;
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
        DrawStartState(random);
        _elapsedSteps = 0;
        _canStep = true;
        WriteObservation(observation);
    }

    /// <summary>
    /// Applies torque <c>action[0]</c> (clipped to [-2, 2]) for one time step and writes the next observation.
    /// </summary>
    /// <exception cref="InvalidOperationException">The episode is over, or the environment was never reset.</exception>
    /// <exception cref="ArgumentException">The action does not have exactly one element, or it is NaN.</exception>
    public StepResult Step(ReadOnlySpan<double> action, Span<double> observation)
    {
        if (!_canStep)
        {
            throw new InvalidOperationException(_elapsedSteps == 0
                ? "Pendulum-v1: Step called before Reset."
                : $"Pendulum-v1: the episode is over (after {_elapsedSteps} steps); call Reset before stepping again.");
        }
        if (action.Length != 1)
        {
            throw new ArgumentException(
                $"Pendulum-v1 takes a one-element action (the torque); got {action.Length} elements.", nameof(action));
        }
        if (double.IsNaN(action[0]))
        {
            throw new ArgumentException("Pendulum-v1 torque is NaN.", nameof(action));
        }
        RequireObservationLength(observation);

        double theta = _theta;
        double thetaDot = _thetaDot;

        // u = clip(u, -max_torque, max_torque)
        double u = Math.Clamp(action[0], -MaxTorque, MaxTorque);
        // cost = angle_normalize(theta)^2 + 0.1 theta_dot^2 + 0.001 u^2, at the old state
        double normalizedTheta = AngleNormalize(theta);
        double cost = normalizedTheta * normalizedTheta + 0.1 * (thetaDot * thetaDot) + 0.001 * (u * u);

        // theta_dot' = clip(theta_dot + (3g/(2l) sin(theta) + 3/(m l^2) u) dt, -max_speed, max_speed)
        double newThetaDot = thetaDot + (GravityTerm * DetMath.Sin(theta) + TorqueTerm * u) * TimeStep;
        newThetaDot = Math.Clamp(newThetaDot, -MaxSpeed, MaxSpeed);
        // theta' = theta + theta_dot' dt
        double newTheta = theta + newThetaDot * TimeStep;

        _theta = newTheta;
        _thetaDot = newThetaDot;
        _elapsedSteps++;
        bool truncated = _elapsedSteps >= MaxEpisodeSteps;
        _canStep = !truncated;

        WriteObservation(observation);
        return new StepResult(-cost, Terminated: false, Truncated: truncated);
    }

    /// <summary>
    /// Gymnasium's <c>angle_normalize</c>: ((x + π) mod 2π) - π with the floored modulo of Python/NumPy
    /// (the remainder takes the divisor's sign), so the result lies in [-π, π) up to rounding.
    /// </summary>
    /// <remarks>
    /// NumPy's remainder is fmod followed by adding the divisor when the signs differ; C#'s <c>%</c> on
    /// doubles is the exact fmod, so the same two roundings happen here. Evaluates to -π for x = π.
    /// </remarks>
    public static double AngleNormalize(double x)
    {
        const double twoPi = 2 * Math.PI;
        double shifted = x + Math.PI;
        double remainder = shifted % twoPi;
        if (remainder < 0)
        {
            remainder += twoPi;
        }
        else if (remainder == 0)
        {
            remainder = 0.0; // NumPy returns +0.0 (the divisor's sign) for a zero remainder.
        }
        return remainder - Math.PI;
    }

    /// <summary>The state [theta, theta_dot] in float64 (rad, rad/s).</summary>
    public double[] GetState() => [_theta, _thetaDot];

    /// <summary>Sets the state [theta, theta_dot] and the step count of the current episode, ready to step.</summary>
    /// <exception cref="ArgumentException">The state does not have 2 finite elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elapsedSteps"/> is outside [0, 200).</exception>
    public void SetState(ReadOnlySpan<double> state, int elapsedSteps)
    {
        StateChecks.RequireSteppable(Spec, state, elapsedSteps);
        _theta = state[0];
        _thetaDot = state[1];
        _elapsedSteps = elapsedSteps;
        _canStep = true;
    }

    /// <summary>The start-state draw: theta on [-π, π), then theta_dot on [-1, 1).</summary>
    private void DrawStartState(IRandomSource random)
    {
        _theta = random.NextUniform(-StartAngleHigh, StartAngleHigh);
        _thetaDot = random.NextUniform(-StartAngularVelocityHigh, StartAngularVelocityHigh);
    }

    /// <inheritdoc />
    public void Observe(Span<double> observation)
    {
        RequireObservationLength(observation);
        WriteObservation(observation);
    }

    private void WriteObservation(Span<double> observation)
    {
        // np.array([np.cos(theta), np.sin(theta), thetadot], dtype=np.float32)
        observation[0] = (float)DetMath.Cos(_theta);
        observation[1] = (float)DetMath.Sin(_theta);
        observation[2] = (float)_thetaDot;
    }

    private static void RequireObservationLength(Span<double> observation)
    {
        if (observation.Length != ObservationSize)
        {
            throw new ArgumentException($"Pendulum-v1 observations have {ObservationSize} elements; the buffer has {observation.Length}.", nameof(observation));
        }
    }

    private static EnvironmentSpec CreateSpec()
    {
        // Gymnasium: high = np.array([1.0, 1.0, max_speed], dtype=np.float32); action Box(-2, 2, (1,), float32)
        double[] high = [1.0, 1.0, MaxSpeed];
        double[] low = [-1.0, -1.0, -MaxSpeed];
        return new EnvironmentSpec(
            Id: Id,
            ObservationSize: ObservationSize,
            ObservationLow: low,
            ObservationHigh: high,
            ActionKind: ActionKind.Continuous,
            ActionSize: 1,
            ActionLow: [-MaxTorque],
            ActionHigh: [MaxTorque],
            MaxEpisodeSteps: MaxEpisodeSteps,
            RewardThreshold: null,
            Description: "Swing a torque-limited pendulum upright and hold it there (Gymnasium Pendulum-v1).")
        {
            StateNames = ["theta", "theta_dot"],
        };
    }
}
