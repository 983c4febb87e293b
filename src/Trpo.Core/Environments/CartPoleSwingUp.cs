using Trpo.Core.Numerics;

namespace Trpo.Core.Environments;

/// <summary>
/// CartPoleSwingUp-v0: swing a pole that starts hanging down up to upright and balance it there, by pushing its
/// cart with a continuous force along a bounded track.
/// </summary>
/// <remarks>
/// <para><b>Description.</b> The cart-pole of Barto, Sutton and Anderson (IEEE SMC-13(5), 1983) in the
/// frictionless form derived by R. V. Florian, "Correct equations for the dynamics of the cart-pole system"
/// (2007), exactly as Gymnasium's CartPole-v1 writes them (<see cref="CartPole"/>, same masses, pole length and
/// gravity), with the swing-up task and smooth reward of the DeepMind Control Suite's <c>cartpole</c> domain,
/// task <c>swingup</c> (Tassa et al., "DeepMind Control Suite", arXiv:1801.00690, 2018; values read from
/// google-deepmind/dm_control <c>dm_control/suite/cartpole.py</c>, <c>Balance._get_reward</c> with
/// <c>sparse=False</c>, <c>dm_control/utils/rewards.py</c> <c>tolerance</c>, and <c>suite/cartpole.xml</c>:
/// cart mass 1, pole mass 0.1, pole length 1, motor gear 10 with control range [−1, 1], slider range ±1.8 m,
/// time limit 10 s). Values only; the dynamics are our own integration, not MuJoCo's.</para>
///
/// <para><b>Action Space.</b> Box(−1, 1, (1,)): the push a; the force on the cart is 10 a newtons (DM's gear
/// 10). The action is clipped to [−1, 1] before use (dynamics and reward); a NaN or an action of another length
/// throws <see cref="ArgumentException"/>.</para>
///
/// <para><b>Observation Space.</b> Box of shape (5,), float32 values (DM's <c>position</c> then <c>velocity</c>):</para>
/// <list type="table">
/// <listheader><term>Index</term><description>Observation — low / high</description></listheader>
/// <item><term>0</term><description>Cart position x (m) — ∓1.8 (the track; beyond it the episode ends)</description></item>
/// <item><term>1</term><description>cos θ (1 = upright) — −1 / 1</description></item>
/// <item><term>2</term><description>sin θ — −1 / 1</description></item>
/// <item><term>3</term><description>Cart velocity ẋ (m/s) — ∓∞</description></item>
/// <item><term>4</term><description>Pole angular velocity θ̇ (rad/s) — ∓∞</description></item>
/// </list>
///
/// <para><b>State.</b> [x, ẋ, θ, θ̇] in float64 (<see cref="GetState"/>), θ in rad with 0 upright (Gymnasium's
/// convention), never wrapped.</para>
///
/// <para><b>Dynamics.</b> Gymnasium's CartPole accelerations (g = 9.8, m_c = 1, m_p = 0.1, half-length l = 0.5):
/// <code>
/// temp   = (F + m_p l θ̇² sin θ) / (m_c + m_p)
/// θ̈      = (g sin θ − cos θ temp) / (l (4/3 − m_p cos² θ / (m_c + m_p)))
/// ẍ      = temp − m_p l θ̈ cos θ / (m_c + m_p)
/// </code>
/// valid at every angle (the frictionless equations have no small-angle assumption), integrated with one
/// classical Runge–Kutta (RK4) step of <see cref="TimeStep"/> = 0.02 s per action (force held constant), as
/// Gymnasium's Acrobot integrates its dynamics; Gymnasium CartPole's explicit Euler would pump energy into a
/// swinging pole. Sine and cosine come from <see cref="DetMath"/>.</para>
///
/// <para><b>Rewards.</b> DM Control's smooth swing-up reward at the state <i>after</i> the step, in [0, 1]:
/// <code>
/// r = upright · centred · small_control · small_velocity
/// upright        = (cos θ + 1) / 2
/// centred        = (1 + tol(x, margin 2)) / 2
/// small_control  = (4 + max(0, 1 − a²)) / 5               (tolerance with a quadratic sigmoid, value 0 at the margin 1)
/// small_velocity = (1 + tol(θ̇, margin 5)) / 2
/// tol(v, margin) = exp(−½ (|v|/margin · s)²),  s = sqrt(−2 ln 0.1)   (Gaussian sigmoid, 0.1 at the margin)
/// </code>
/// An episode returns at most 500. No reward threshold is registered.</para>
///
/// <para><b>Starting State.</b> Hanging down: x, ẋ, θ − π and θ̇ each uniform on [−0.05, 0.05) (CartPole-v1's
/// noise; DM draws 0.01-σ normals), drawn in the order x, ẋ, θ, θ̇ with the
/// reset source's <c>NextUniform</c>.</para>
///
/// <para><b>Episode End.</b> <i>Termination</i>: the cart leaves the track, |x| &gt; 1.8 m after a step (DM's
/// slider range; DM stops the cart at a soft limit instead). <i>Truncation</i>: 500 steps (10 s, DM's time limit).
/// Stepping a finished episode, or an environment never reset, throws <see cref="InvalidOperationException"/>.</para>
///
/// <para><b>Version History.</b> v0: first version (ours).</para>
/// </remarks>
public sealed class CartPoleSwingUp : IEnvironment
{
    /// <summary>The id.</summary>
    public const string Id = "CartPoleSwingUp-v0";

    /// <summary>Gravitational acceleration g, in m/s² (Gymnasium CartPole's).</summary>
    public const double Gravity = CartPole.Gravity;

    /// <summary>Mass of the cart, in kg.</summary>
    public const double MassCart = CartPole.MassCart;

    /// <summary>Mass of the pole, in kg.</summary>
    public const double MassPole = CartPole.MassPole;

    /// <summary>Total mass, in kg.</summary>
    public const double TotalMass = MassPole + MassCart;

    /// <summary>Half the pole's length, in m (the pole is 1 m long, as in DM Control).</summary>
    public const double HalfPoleLength = CartPole.HalfPoleLength;

    /// <summary>Pole mass times half length, in kg·m.</summary>
    public const double PoleMassLength = MassPole * HalfPoleLength;

    /// <summary>Force of a full push (a = ±1), in N (DM Control's motor gear).</summary>
    public const double ForceMagnitude = 10.0;

    /// <summary>Seconds per step (one RK4 step).</summary>
    public const double TimeStep = 0.02;

    /// <summary>Half-length of the track, in m: beyond it the episode terminates.</summary>
    public const double TrackLimit = 1.8;

    /// <summary>Time limit in steps (10 s).</summary>
    public const int MaxEpisodeSteps = 500;

    /// <summary>Half-width of the start noise on each state element.</summary>
    public const double StartNoise = 0.05;

    /// <summary>Margin of the centring term, in m.</summary>
    public const double CentredMargin = 2.0;

    /// <summary>Margin of the small-velocity term, in rad/s.</summary>
    public const double AngularVelocityMargin = 5.0;

    /// <summary>DM's tolerance default: the Gaussian sigmoid's value at the margin.</summary>
    public const double ValueAtMargin = 0.1;

    /// <summary>s = sqrt(−2 ln 0.1), the Gaussian sigmoid's scale, with <see cref="DetMath.Log"/>.</summary>
    public static readonly double GaussianScale = Math.Sqrt(-2.0 * DetMath.Log(ValueAtMargin));

    private const int ObservationSize = 5;

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
        _x = random.NextUniform(-StartNoise, StartNoise);
        _xDot = random.NextUniform(-StartNoise, StartNoise);
        _theta = Math.PI + random.NextUniform(-StartNoise, StartNoise);
        _thetaDot = random.NextUniform(-StartNoise, StartNoise);
        _elapsedSteps = 0;
        _canStep = true;
        WriteObservation(observation);
    }

    /// <summary>Pushes with force 10 · clip(a, −1, 1) for one RK4 step; the reward is DM's smooth swing-up reward at the new state.</summary>
    /// <exception cref="InvalidOperationException">The episode is over, or the environment was never reset.</exception>
    /// <exception cref="ArgumentException">The action does not have exactly one element, or it is NaN.</exception>
    public StepResult Step(ReadOnlySpan<double> action, Span<double> observation)
    {
        if (!_canStep)
        {
            throw new InvalidOperationException(_elapsedSteps == 0
                ? $"{Id}: Step called before Reset."
                : $"{Id}: the episode is over (after {_elapsedSteps} steps); call Reset before stepping again.");
        }
        if (action.Length != 1)
            throw new ArgumentException($"{Id} takes a one-element action (the push in [-1, 1]); got {action.Length} elements.", nameof(action));
        if (double.IsNaN(action[0]))
            throw new ArgumentException($"{Id} action is NaN.", nameof(action));
        RequireObservationLength(observation);

        double a = Math.Clamp(action[0], -1.0, 1.0);
        double force = ForceMagnitude * a;

        // Classical RK4 with the force held over the step: s' = s + dt/6 (k1 + 2 k2 + 2 k3 + k4)
        const double dt = TimeStep;
        Derivative(_theta, _thetaDot, force, out double xAcc1, out double thetaAcc1);
        double x1Dot = _xDot, theta1Dot = _thetaDot;
        double x2Dot = _xDot + 0.5 * dt * xAcc1, theta2 = _theta + 0.5 * dt * theta1Dot, theta2Dot = _thetaDot + 0.5 * dt * thetaAcc1;
        Derivative(theta2, theta2Dot, force, out double xAcc2, out double thetaAcc2);
        double x3Dot = _xDot + 0.5 * dt * xAcc2, theta3 = _theta + 0.5 * dt * theta2Dot, theta3Dot = _thetaDot + 0.5 * dt * thetaAcc2;
        Derivative(theta3, theta3Dot, force, out double xAcc3, out double thetaAcc3);
        double x4Dot = _xDot + dt * xAcc3, theta4 = _theta + dt * theta3Dot, theta4Dot = _thetaDot + dt * thetaAcc3;
        Derivative(theta4, theta4Dot, force, out double xAcc4, out double thetaAcc4);

        _x += dt / 6.0 * (x1Dot + 2.0 * x2Dot + 2.0 * x3Dot + x4Dot);
        _xDot += dt / 6.0 * (xAcc1 + 2.0 * xAcc2 + 2.0 * xAcc3 + xAcc4);
        _theta += dt / 6.0 * (theta1Dot + 2.0 * theta2Dot + 2.0 * theta3Dot + theta4Dot);
        _thetaDot += dt / 6.0 * (thetaAcc1 + 2.0 * thetaAcc2 + 2.0 * thetaAcc3 + thetaAcc4);

        double cosTheta = DetMath.Cos(_theta);
        double reward = Reward(_x, cosTheta, _thetaDot, a);
        bool terminated = _x < -TrackLimit || _x > TrackLimit;
        _elapsedSteps++;
        bool truncated = _elapsedSteps >= MaxEpisodeSteps;
        _canStep = !(terminated || truncated);
        WriteObservation(observation);
        return new StepResult(reward, terminated, truncated);
    }

    /// <summary>
    /// DM Control's smooth swing-up reward upright · centred · small_control · small_velocity (see remarks) for
    /// cart position <paramref name="x"/>, cos θ, θ̇ and the clipped action <paramref name="a"/>.
    /// </summary>
    public static double Reward(double x, double cosTheta, double thetaDot, double a)
    {
        double upright = (cosTheta + 1.0) / 2.0;
        double centred = (1.0 + GaussianTolerance(x, CentredMargin)) / 2.0;
        // quadratic sigmoid with value 0 at the margin 1: scale sqrt(1 − 0) = 1, 1 − a² inside, 0 outside
        double smallControl = (4.0 + (Math.Abs(a) < 1.0 ? 1.0 - a * a : 0.0)) / 5.0;
        double smallVelocity = (1.0 + GaussianTolerance(thetaDot, AngularVelocityMargin)) / 2.0;
        return upright * smallControl * smallVelocity * centred;
    }

    /// <summary>DM's <c>tolerance(v, bounds=(0, 0), margin, 'gaussian', 0.1)</c>: 1 at v = 0, exp(−½ (|v|/margin · s)²) elsewhere.</summary>
    public static double GaussianTolerance(double v, double margin)
    {
        if (v == 0.0) return 1.0;
        double scaled = Math.Abs(v) / margin * GaussianScale;
        return DetMath.Exp(-0.5 * (scaled * scaled));
    }

    /// <summary>ẍ and θ̈ of the frictionless cart-pole (Florian 2007, in Gymnasium's order of operations) at (θ, θ̇) under force <paramref name="force"/>; without friction they do not depend on x or ẋ.</summary>
    private static void Derivative(double theta, double thetaDot, double force, out double xAcc, out double thetaAcc)
    {
        double cosTheta = DetMath.Cos(theta);
        double sinTheta = DetMath.Sin(theta);
        double temp = (force + PoleMassLength * (thetaDot * thetaDot) * sinTheta) / TotalMass;
        thetaAcc = (Gravity * sinTheta - cosTheta * temp)
            / (HalfPoleLength * (4.0 / 3.0 - MassPole * (cosTheta * cosTheta) / TotalMass));
        xAcc = temp - PoleMassLength * thetaAcc * cosTheta / TotalMass;
    }

    /// <summary>The state [x, ẋ, θ, θ̇] in float64 (m, m/s, rad, rad/s).</summary>
    public double[] GetState() => [_x, _xDot, _theta, _thetaDot];

    /// <summary>Sets the state [x, ẋ, θ, θ̇] and the step count of the current episode, ready to step.</summary>
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

    /// <inheritdoc />
    public void Observe(Span<double> observation)
    {
        RequireObservationLength(observation);
        WriteObservation(observation);
    }

    private void WriteObservation(Span<double> observation)
    {
        observation[0] = (float)_x;
        observation[1] = (float)DetMath.Cos(_theta);
        observation[2] = (float)DetMath.Sin(_theta);
        observation[3] = (float)_xDot;
        observation[4] = (float)_thetaDot;
    }

    private static void RequireObservationLength(Span<double> observation)
    {
        if (observation.Length != ObservationSize)
            throw new ArgumentException($"{Id} observations have {ObservationSize} elements; the buffer has {observation.Length}.", nameof(observation));
    }

    private static EnvironmentSpec CreateSpec() => new(
        Id: Id,
        ObservationSize: ObservationSize,
        ObservationLow: [-TrackLimit, -1.0, -1.0, double.NegativeInfinity, double.NegativeInfinity],
        ObservationHigh: [TrackLimit, 1.0, 1.0, double.PositiveInfinity, double.PositiveInfinity],
        ActionKind: ActionKind.Continuous,
        ActionSize: 1,
        ActionLow: [-1.0],
        ActionHigh: [1.0],
        MaxEpisodeSteps: MaxEpisodeSteps,
        RewardThreshold: null,
        Description: "Swing a hanging pole upright on a cart with a bounded track, continuous force (DM Control swing-up reward).")
    {
        StateNames = ["x", "x_dot", "theta", "theta_dot"],
    };
}
