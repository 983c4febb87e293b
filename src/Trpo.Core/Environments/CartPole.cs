using Trpo.Core.Numerics;

namespace Trpo.Core.Environments;

/// <summary>
/// CartPole-v1: balance a pole hinged on a cart that is pushed left or right along a frictionless track.
/// A port of Gymnasium's <c>CartPoleEnv</c> with its <c>TimeLimit</c> built in.
/// </summary>
/// <remarks>
/// <para><b>Description.</b> The cart-pole task of Barto, Sutton and Anderson, "Neuronlike adaptive elements
/// that can solve difficult learning control problems", IEEE Transactions on Systems, Man, and Cybernetics
/// SMC-13(5):834–846, 1983; dynamics as derived in R. V. Florian, "Correct equations for the dynamics of the
/// cart-pole system", 2007. Ported from Gymnasium <c>gymnasium/envs/classic_control/cartpole.py</c>
/// (<c>CartPoleEnv</c>, default arguments) and the registration in <c>gymnasium/envs/__init__.py</c>, read at
/// tag v1.3.0 (commit 53bf3e9a884783eb72ad3fc8b15780914c97c3e1); the dynamics, bounds and rewards are the
/// same in every release from v1.0.0 to v1.3.0. The time limit follows <c>TimeLimit</c> in
/// <c>gymnasium/wrappers/common.py</c> at the same tag.</para>
///
/// <para><b>Action Space.</b> Discrete(2), passed as a one-element span holding the index as a double:
/// 0 pushes the cart left with <see cref="ForceMagnitude"/> newtons, 1 pushes it right. Any other value
/// (including 0.5, NaN or a span of another length) is rejected.</para>
///
/// <para><b>Observation Space.</b> Box of shape (4,), float32 values (written as doubles holding float32 values):</para>
/// <list type="table">
/// <listheader><term>Index</term><description>Observation — low / high</description></listheader>
/// <item><term>0</term><description>Cart position x (m) — ∓4.8 (2 · <see cref="PositionThreshold"/>)</description></item>
/// <item><term>1</term><description>Cart velocity x_dot (m/s) — ∓∞</description></item>
/// <item><term>2</term><description>Pole angle theta (rad, 0 = upright) — ∓0.4189 (2 · <see cref="AngleThreshold"/>)</description></item>
/// <item><term>3</term><description>Pole angular velocity theta_dot (rad/s) — ∓∞</description></item>
/// </list>
/// <para>The bounds are the float32 values Gymnasium's <c>Box</c> holds. Gymnasium 1.x uses ±inf for the two
/// velocities (releases up to 0.29 used the largest float32 instead).</para>
///
/// <para><b>State.</b> [x, x_dot, theta, theta_dot] in float64 (<see cref="GetState"/>); the observation is
/// the state rounded to float32, as Gymnasium returns <c>np.array(state, dtype=np.float32)</c>.</para>
///
/// <para><b>Dynamics.</b> Explicit Euler (Gymnasium's default <c>kinematics_integrator = "euler"</c>) with
/// time step <see cref="TimeStep"/>; every expression is evaluated in Gymnasium's order so that, given the
/// same sine and cosine, the float64 state matches bit for bit:
/// <code>
/// temp      = (force + polemass_length * theta_dot^2 * sin(theta)) / total_mass
/// theta_acc = (g * sin(theta) - cos(theta) * temp) / (length * (4/3 - mass_pole * cos(theta)^2 / total_mass))
/// x_acc     = temp - polemass_length * theta_acc * cos(theta) / total_mass
/// x' = x + tau x_dot;  x_dot' = x_dot + tau x_acc;  theta' = theta + tau theta_dot;  theta_dot' = theta_dot + tau theta_acc
/// </code>
/// Sine and cosine come from <see cref="DetMath"/> (Gymnasium calls <c>np.sin</c>/<c>np.cos</c>).</para>
///
/// <para><b>Rewards.</b> +1 for every step, including the terminating one (Gymnasium's default
/// <c>sutton_barto_reward=False</c>). Reward threshold 475 (registered for CartPole-v1).</para>
///
/// <para><b>Starting State.</b> Each of the four state elements uniform on [-0.05, 0.05), drawn in element
/// order, as Gymnasium's <c>self.np_random.uniform(low=-0.05, high=0.05, size=(4,))</c>: with a
/// <see cref="NumPyGenerator"/> seeded with s, the same float64 state as Gymnasium's <c>reset(seed=s)</c>,
/// e.g. s = 123 gives the observation [0.01823519, -0.0446179, -0.02796401, -0.03156282].</para>
///
/// <para><b>Episode End.</b> <i>Termination</i>: after a step, x &lt; -2.4 or x &gt; 2.4, or theta &lt; -12°
/// or theta &gt; 12° (12 · 2π / 360 rad); reaching a threshold exactly does not terminate.
/// <i>Truncation</i>: <see cref="ElapsedSteps"/> reaches 500, as Gymnasium's <c>TimeLimit</c> does
/// (<c>elapsed &gt;= max_episode_steps</c>); the final step can be both terminated and truncated.
/// Unlike Gymnasium, which warns and returns reward 0 when stepped after termination, stepping a finished
/// episode (terminated or truncated) or an environment that was never reset throws
/// <see cref="InvalidOperationException"/>.</para>
///
/// <para><b>Version History.</b> Ours: first port (Gymnasium v1.3.0 CartPole-v1). Gymnasium's: v1 raised the
/// time limit to 500 (v0: 200, threshold 195); Gymnasium 1.0.0a2 added <c>sutton_barto_reward</c>
/// (not ported); Gymnasium 1.0 changed the velocity bounds from the largest float32 to infinity.</para>
/// </remarks>
public sealed class CartPole : IEnvironment
{
    /// <summary>Gymnasium id.</summary>
    public const string Id = "CartPole-v1";

    /// <summary>Gravitational acceleration g, in m/s².</summary>
    public const double Gravity = 9.8;

    /// <summary>Mass of the cart, in kg.</summary>
    public const double MassCart = 1.0;

    /// <summary>Mass of the pole, in kg.</summary>
    public const double MassPole = 0.1;

    /// <summary>Total mass, in kg, computed as Gymnasium does (masspole + masscart).</summary>
    public const double TotalMass = MassPole + MassCart;

    /// <summary>Half the pole's length, in m (Gymnasium's <c>length</c>).</summary>
    public const double HalfPoleLength = 0.5;

    /// <summary>Pole mass times half length, in kg·m (Gymnasium's <c>polemass_length</c>).</summary>
    public const double PoleMassLength = MassPole * HalfPoleLength;

    /// <summary>Magnitude of the force applied to the cart, in N.</summary>
    public const double ForceMagnitude = 10.0;

    /// <summary>Seconds between state updates (Gymnasium's <c>tau</c>).</summary>
    public const double TimeStep = 0.02;

    /// <summary>Pole angle beyond which the episode terminates: 12 degrees, in rad, computed as 12 · 2 · π / 360.</summary>
    public const double AngleThreshold = 12 * 2 * Math.PI / 360;

    /// <summary>Cart position beyond which the episode terminates, in m.</summary>
    public const double PositionThreshold = 2.4;

    /// <summary>Time limit in steps (registered <c>max_episode_steps</c> of CartPole-v1).</summary>
    public const int MaxEpisodeSteps = 500;

    /// <summary>Registered reward threshold of CartPole-v1.</summary>
    public const double RewardThreshold = 475.0;

    /// <summary>Lower bound of each start-state element.</summary>
    public const double StartLow = -0.05;

    /// <summary>Upper bound (exclusive) of each start-state element.</summary>
    public const double StartHigh = 0.05;

    private const int StateSize = 4;

    private static readonly EnvironmentSpec SharedSpec = CreateSpec();

    private double _x, _xDot, _theta, _thetaDot;
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

    /// <inheritdoc />
    public StepResult Step(ReadOnlySpan<double> action, Span<double> observation)
    {
        if (!_canStep)
        {
            throw new InvalidOperationException(_elapsedSteps == 0
                ? "CartPole-v1: Step called before Reset."
                : $"CartPole-v1: the episode is over (after {_elapsedSteps} steps); call Reset before stepping again.");
        }
        if (action.Length != 1)
        {
            throw new ArgumentException(
                $"CartPole-v1 takes a one-element action holding 0 or 1; got {action.Length} elements.", nameof(action));
        }
        double a = action[0];
        if (a != 0.0 && a != 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(action), a, "CartPole-v1 actions are 0 (push left) or 1 (push right).");
        }
        RequireObservationLength(observation);

        double force = a == 1.0 ? ForceMagnitude : -ForceMagnitude;
        double cosTheta = DetMath.Cos(_theta);
        double sinTheta = DetMath.Sin(_theta);

        // temp = (F + m_p l theta_dot^2 sin(theta)) / (m_c + m_p)
        double temp = (force + PoleMassLength * (_thetaDot * _thetaDot) * sinTheta) / TotalMass;
        // theta_acc = (g sin(theta) - cos(theta) temp) / (l (4/3 - m_p cos^2(theta) / (m_c + m_p)))
        double thetaAcc = (Gravity * sinTheta - cosTheta * temp)
            / (HalfPoleLength * (4.0 / 3.0 - MassPole * (cosTheta * cosTheta) / TotalMass));
        // x_acc = temp - m_p l theta_acc cos(theta) / (m_c + m_p)
        double xAcc = temp - PoleMassLength * thetaAcc * cosTheta / TotalMass;

        // Explicit Euler: every derivative is taken at the old state.
        _x = _x + TimeStep * _xDot;
        _xDot = _xDot + TimeStep * xAcc;
        _theta = _theta + TimeStep * _thetaDot;
        _thetaDot = _thetaDot + TimeStep * thetaAcc;

        bool terminated = _x < -PositionThreshold
            || _x > PositionThreshold
            || _theta < -AngleThreshold
            || _theta > AngleThreshold;

        _elapsedSteps++;
        bool truncated = _elapsedSteps >= MaxEpisodeSteps;
        _canStep = !(terminated || truncated);

        WriteObservation(observation);
        return new StepResult(1.0, terminated, truncated);
    }

    /// <summary>The state [x, x_dot, theta, theta_dot] in float64 (m, m/s, rad, rad/s).</summary>
    public double[] GetState() => [_x, _xDot, _theta, _thetaDot];

    /// <summary>
    /// Sets the state [x, x_dot, theta, theta_dot] and the step count of the current episode, ready to step
    /// (whatever the state; a state beyond the thresholds terminates on the next step).
    /// </summary>
    /// <exception cref="ArgumentException">The state does not have 4 finite elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elapsedSteps"/> is outside [0, 500).</exception>
    public void SetState(ReadOnlySpan<double> state, int elapsedSteps)
    {
        StateChecks.RequireSteppable(Spec, state, elapsedSteps);
        _x = state[0];
        _xDot = state[1];
        _theta = state[2];
        _thetaDot = state[3];
        _elapsedSteps = elapsedSteps;
        _canStep = true;
    }

    /// <summary>The start-state draw: 4 uniforms on [-0.05, 0.05) in element order.</summary>
    private void DrawStartState(IRandomSource random)
    {
        _x = random.NextUniform(StartLow, StartHigh);
        _xDot = random.NextUniform(StartLow, StartHigh);
        _theta = random.NextUniform(StartLow, StartHigh);
        _thetaDot = random.NextUniform(StartLow, StartHigh);
    }

    /// <inheritdoc />
    public void Observe(Span<double> observation)
    {
        RequireObservationLength(observation);
        WriteObservation(observation);
    }

    private void WriteObservation(Span<double> observation)
    {
        observation[0] = (float)_x;
        observation[1] = (float)_xDot;
        observation[2] = (float)_theta;
        observation[3] = (float)_thetaDot;
    }

    private static void RequireObservationLength(Span<double> observation)
    {
        if (observation.Length != StateSize)
        {
            throw new ArgumentException($"CartPole-v1 observations have {StateSize} elements; the buffer has {observation.Length}.", nameof(observation));
        }
    }

    private static EnvironmentSpec CreateSpec()
    {
        // Gymnasium: high = np.array([x_threshold * 2, np.inf, theta_threshold_radians * 2, np.inf], dtype=np.float32)
        double[] high =
        [
            (float)(PositionThreshold * 2),
            double.PositiveInfinity,
            (float)(AngleThreshold * 2),
            double.PositiveInfinity,
        ];
        double[] low = [-high[0], -high[1], -high[2], -high[3]];
        return new EnvironmentSpec(
            Id: Id,
            ObservationSize: StateSize,
            ObservationLow: low,
            ObservationHigh: high,
            ActionKind: ActionKind.Discrete,
            ActionSize: 2,
            ActionLow: [],
            ActionHigh: [],
            MaxEpisodeSteps: MaxEpisodeSteps,
            RewardThreshold: RewardThreshold,
            Description: "Balance a pole on a cart by pushing it left or right (Gymnasium CartPole-v1).")
        {
            StateNames = ["x", "x_dot", "theta", "theta_dot"],
        };
    }
}
