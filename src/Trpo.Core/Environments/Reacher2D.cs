using Trpo.Core.Numerics;

namespace Trpo.Core.Environments;

/// <summary>
/// Reacher2D-v0: move the tip of a two-link planar arm to a random target with torques at its two joints.
/// A MuJoCo-free counterpart of Gymnasium's Reacher-v5: the same arm, target, spaces, reward and time limit,
/// with the arm's rigid-body dynamics written out and integrated here.
/// </summary>
/// <remarks>
/// <para><b>Description.</b> The task of Gymnasium's <c>gymnasium/envs/mujoco/reacher_v5.py</c> (Reacher-v5,
/// read at tag v1.3.0) and its model <c>assets/reacher.xml</c>: a two-joint arm in the horizontal plane (no
/// gravity acts in the plane), links of 0.1 m (shoulder to elbow) and 0.11 m (elbow to fingertip), each joint
/// with rotor inertia (MuJoCo's <c>armature</c>) 1 kg·m², viscous damping 1 N·m·s/rad and a motor of gear 200
/// on a control in [−1, 1]; the elbow is limited to ±3 rad. Each link is a capsule of radius 0.01 m and length
/// 0.1 m at MuJoCo's default density 1000 kg/m³, mass m = 1000 (π r² L + 4/3 π r³) = 0.0356 kg; here it is a
/// uniform rod of that mass (centre of mass at 0.05 m, I = m L²/12 about it); the fingertip sphere's 4 g are
/// left out. With the armature dominating the inertia the joints are only weakly coupled, as in MuJoCo's model.</para>
///
/// <para><b>Action Space.</b> Box(−1, 1, (2,)): the controls (a₁, a₂); the joint torques are 200 a. Actions are
/// clipped to [−1, 1] before use (dynamics and reward, as a Gymnasium agent's clipped action would be); a NaN
/// element or an action of another length throws <see cref="ArgumentException"/>.</para>
///
/// <para><b>Observation Space.</b> Box(−∞, ∞, (10,)), Reacher-v5's order, float32 values:</para>
/// <list type="table">
/// <listheader><term>Index</term><description>Observation</description></listheader>
/// <item><term>0, 1</term><description>cos q₁, cos q₂ (shoulder and elbow angles)</description></item>
/// <item><term>2, 3</term><description>sin q₁, sin q₂</description></item>
/// <item><term>4, 5</term><description>target position (x, y), m</description></item>
/// <item><term>6, 7</term><description>joint velocities q̇₁, q̇₂, rad/s</description></item>
/// <item><term>8, 9</term><description>fingertip minus target (x, y), m</description></item>
/// </list>
///
/// <para><b>State.</b> [q₁, q₂, q̇₁, q̇₂, target_x, target_y] in float64 (<see cref="GetState"/>); q₁ is never
/// wrapped, q₂ stays in [−3, 3].</para>
///
/// <para><b>Kinematics.</b> Fingertip p = (l₁ cos q₁ + l₂ cos(q₁ + q₂), l₁ sin q₁ + l₂ sin(q₁ + q₂)), l₁ = 0.1, l₂ = 0.11.</para>
///
/// <para><b>Dynamics.</b> The planar two-link manipulator equation (Spong, Hutchinson and Vidyasagar, Robot
/// Modeling and Control, 2006, §7.4.2, with rotor inertia J on each joint) M(q) q̈ + c(q, q̇) + b q̇ = 200 a:
/// <code>
/// M₁₁ = J + I₁ + I₂ + m₁ c₁² + m₂ (l₁² + c₂² + 2 l₁ c₂ cos q₂)
/// M₁₂ = M₂₁ = I₂ + m₂ (c₂² + l₁ c₂ cos q₂),   M₂₂ = J + I₂ + m₂ c₂²
/// c   = (−h (2 q̇₁ q̇₂ + q̇₂²),  h q̇₁²),        h = m₂ l₁ c₂ sin q₂
/// </code>
/// solved for q̈ by Cramer's rule, integrated with two classical RK4 steps of 0.01 s per action (MuJoCo's
/// <c>timestep</c> 0.01 with RK4 and Reacher's <c>frame_skip</c> 2: dt = 0.02 s per action). After each RK4 step
/// the elbow limit is a hard stop: q₂ beyond ±3 is set to ±3 and an outward q̇₂ to 0 (MuJoCo's limit is a soft
/// constraint instead). Sines and cosines come from <see cref="DetMath"/>.</para>
///
/// <para><b>Rewards.</b> r = −‖p − target‖ − (a₁² + a₂²) after the step (Reacher-v5's <c>reward_dist_weight</c> 1
/// and <c>reward_control_weight</c> 1, the defaults in its code). No reward threshold is registered for ours
/// (Gymnasium registers −3.75 for its MuJoCo Reacher-v5).</para>
///
/// <para><b>Starting State.</b> q₁, q₂ uniform on [−0.1, 0.1); the target uniform on the disc of radius 0.2 (pairs
/// uniform on [−0.2, 0.2)² until one lies inside, as Reacher-v5 draws it); q̇₁, q̇₂ uniform on [−0.005, 0.005);
/// drawn in that order with the reset source's <c>NextUniform</c>.</para>
///
/// <para><b>Episode End.</b> <i>Termination</i>: never. <i>Truncation</i>: 50 steps (Reacher-v5's time limit).
/// Stepping a finished episode, or an environment never reset, throws <see cref="InvalidOperationException"/>.</para>
///
/// <para><b>Version History.</b> v0: first version (ours).</para>
/// </remarks>
public sealed class Reacher2D : IEnvironment
{
    /// <summary>The id.</summary>
    public const string Id = "Reacher2D-v0";

    /// <summary>Shoulder-to-elbow length l₁, in m.</summary>
    public const double Link1Length = 0.1;

    /// <summary>Elbow-to-fingertip length l₂, in m.</summary>
    public const double FingertipDistance = 0.11;

    /// <summary>Geometric length of each link's capsule, in m.</summary>
    public const double LinkLength = 0.1;

    /// <summary>Radius of each link's capsule, in m.</summary>
    public const double LinkRadius = 0.01;

    /// <summary>MuJoCo's default geom density, in kg/m³.</summary>
    public const double Density = 1000.0;

    /// <summary>Mass of each link: ρ (π r² L + 4/3 π r³), in kg.</summary>
    public const double LinkMass = Density * (Math.PI * LinkRadius * LinkRadius * LinkLength + 4.0 / 3.0 * Math.PI * LinkRadius * LinkRadius * LinkRadius);

    /// <summary>Distance from a link's joint to its centre of mass, in m.</summary>
    public const double CentreOfMass = LinkLength / 2;

    /// <summary>Moment of inertia of a link about its centre of mass (uniform rod, m L²/12), in kg·m².</summary>
    public const double LinkInertia = LinkMass * LinkLength * LinkLength / 12.0;

    /// <summary>Rotor inertia on each joint (MuJoCo's armature), in kg·m².</summary>
    public const double Armature = 1.0;

    /// <summary>Viscous damping on each joint, in N·m·s/rad.</summary>
    public const double Damping = 1.0;

    /// <summary>Torque of a full control (a = ±1), in N·m.</summary>
    public const double Gear = 200.0;

    /// <summary>The elbow's limit, in rad.</summary>
    public const double ElbowLimit = 3.0;

    /// <summary>Seconds per RK4 step.</summary>
    public const double PhysicsStep = 0.01;

    /// <summary>RK4 steps per action.</summary>
    public const int FrameSkip = 2;

    /// <summary>Time limit in steps.</summary>
    public const int MaxEpisodeSteps = 50;

    /// <summary>Radius of the target disc, in m.</summary>
    public const double TargetRadius = 0.2;

    /// <summary>Half-width of the start angles' range, in rad.</summary>
    public const double StartAngleHigh = 0.1;

    /// <summary>Half-width of the start velocities' range, in rad/s.</summary>
    public const double StartVelocityHigh = 0.005;

    private const int ObservationSize = 10;

    private static readonly EnvironmentSpec SharedSpec = CreateSpec();

    private double _q1, _q2, _q1Dot, _q2Dot, _targetX, _targetY;
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
        _q1 = random.NextUniform(-StartAngleHigh, StartAngleHigh);
        _q2 = random.NextUniform(-StartAngleHigh, StartAngleHigh);
        do
        {
            _targetX = random.NextUniform(-TargetRadius, TargetRadius);
            _targetY = random.NextUniform(-TargetRadius, TargetRadius);
        }
        while (!(Math.Sqrt(_targetX * _targetX + _targetY * _targetY) < TargetRadius));
        _q1Dot = random.NextUniform(-StartVelocityHigh, StartVelocityHigh);
        _q2Dot = random.NextUniform(-StartVelocityHigh, StartVelocityHigh);
        _elapsedSteps = 0;
        _canStep = true;
        WriteObservation(observation);
    }

    /// <summary>Applies torques 200 · clip(a, −1, 1) for two RK4 steps of 0.01 s; the reward is −distance − ‖a‖² after the step.</summary>
    /// <exception cref="InvalidOperationException">The episode is over, or the environment was never reset.</exception>
    /// <exception cref="ArgumentException">The action does not have two elements, or one is NaN.</exception>
    public StepResult Step(ReadOnlySpan<double> action, Span<double> observation)
    {
        if (!_canStep)
        {
            throw new InvalidOperationException(_elapsedSteps == 0
                ? $"{Id}: Step called before Reset."
                : $"{Id}: the episode is over (after {_elapsedSteps} steps); call Reset before stepping again.");
        }
        if (action.Length != 2)
            throw new ArgumentException($"{Id} takes a two-element action (the joint controls); got {action.Length} elements.", nameof(action));
        if (double.IsNaN(action[0]) || double.IsNaN(action[1]))
            throw new ArgumentException($"{Id} action has a NaN element.", nameof(action));
        RequireObservationLength(observation);

        double a1 = Math.Clamp(action[0], -1.0, 1.0);
        double a2 = Math.Clamp(action[1], -1.0, 1.0);
        double tau1 = Gear * a1, tau2 = Gear * a2;
        for (int frame = 0; frame < FrameSkip; frame++)
        {
            RungeKuttaStep(tau1, tau2);
            ApplyElbowLimit();
        }

        Fingertip(_q1, _q2, out double tipX, out double tipY);
        double dx = tipX - _targetX, dy = tipY - _targetY;
        double reward = -Math.Sqrt(dx * dx + dy * dy) - (a1 * a1 + a2 * a2);
        _elapsedSteps++;
        bool truncated = _elapsedSteps >= MaxEpisodeSteps;
        _canStep = !truncated;
        WriteObservation(observation);
        return new StepResult(reward, Terminated: false, Truncated: truncated);
    }

    /// <summary>The fingertip's position for joint angles q₁, q₂ (see remarks).</summary>
    public static void Fingertip(double q1, double q2, out double x, out double y)
    {
        double q12 = q1 + q2;
        x = Link1Length * DetMath.Cos(q1) + FingertipDistance * DetMath.Cos(q12);
        y = Link1Length * DetMath.Sin(q1) + FingertipDistance * DetMath.Sin(q12);
    }

    /// <summary>
    /// q̈ = M(q)⁻¹ (τ − b q̇ − c(q, q̇)) (see remarks), with joint damping <paramref name="damping"/>; internal so the
    /// tests can check the power balance of the equations with and without damping.
    /// </summary>
    internal static void Accelerations(double q2, double q1Dot, double q2Dot, double tau1, double tau2, double damping,
        out double q1Acc, out double q2Acc)
    {
        const double m2 = LinkMass, l1 = Link1Length, c2 = CentreOfMass;
        double cos2 = DetMath.Cos(q2);
        double sin2 = DetMath.Sin(q2);
        // M(q): the armature and the links' own inertia; only the coupling terms depend on q₂
        double m11 = Armature + 2.0 * LinkInertia + LinkMass * (CentreOfMass * CentreOfMass) + m2 * (l1 * l1 + c2 * c2 + 2.0 * l1 * c2 * cos2);
        double m12 = LinkInertia + m2 * (c2 * c2 + l1 * c2 * cos2);
        double m22 = Armature + LinkInertia + m2 * (c2 * c2);
        // Coriolis and centrifugal terms, h = m₂ l₁ c₂ sin q₂
        double h = m2 * l1 * c2 * sin2;
        double rhs1 = tau1 - damping * q1Dot + h * (2.0 * q1Dot * q2Dot + q2Dot * q2Dot);
        double rhs2 = tau2 - damping * q2Dot - h * (q1Dot * q1Dot);
        // Cramer's rule for the 2 × 2 symmetric positive definite M
        double det = m11 * m22 - m12 * m12;
        q1Acc = (m22 * rhs1 - m12 * rhs2) / det;
        q2Acc = (m11 * rhs2 - m12 * rhs1) / det;
    }

    /// <summary>One classical RK4 step of <see cref="PhysicsStep"/> with the torques held: s' = s + dt/6 (k1 + 2 k2 + 2 k3 + k4).</summary>
    private void RungeKuttaStep(double tau1, double tau2)
    {
        const double dt = PhysicsStep;
        Accelerations(_q2, _q1Dot, _q2Dot, tau1, tau2, Damping, out double a1k1, out double a2k1);
        double v1k1 = _q1Dot, v2k1 = _q2Dot;

        double v1k2 = _q1Dot + 0.5 * dt * a1k1, v2k2 = _q2Dot + 0.5 * dt * a2k1;
        Accelerations(_q2 + 0.5 * dt * v2k1, v1k2, v2k2, tau1, tau2, Damping, out double a1k2, out double a2k2);

        double v1k3 = _q1Dot + 0.5 * dt * a1k2, v2k3 = _q2Dot + 0.5 * dt * a2k2;
        Accelerations(_q2 + 0.5 * dt * v2k2, v1k3, v2k3, tau1, tau2, Damping, out double a1k3, out double a2k3);

        double v1k4 = _q1Dot + dt * a1k3, v2k4 = _q2Dot + dt * a2k3;
        Accelerations(_q2 + dt * v2k3, v1k4, v2k4, tau1, tau2, Damping, out double a1k4, out double a2k4);

        _q1 += dt / 6.0 * (v1k1 + 2.0 * v1k2 + 2.0 * v1k3 + v1k4);
        _q2 += dt / 6.0 * (v2k1 + 2.0 * v2k2 + 2.0 * v2k3 + v2k4);
        _q1Dot += dt / 6.0 * (a1k1 + 2.0 * a1k2 + 2.0 * a1k3 + a1k4);
        _q2Dot += dt / 6.0 * (a2k1 + 2.0 * a2k2 + 2.0 * a2k3 + a2k4);
    }

    /// <summary>The elbow's hard stop: q₂ beyond ±3 rad is put back on the limit and an outward velocity removed.</summary>
    private void ApplyElbowLimit()
    {
        if (_q2 > ElbowLimit)
        {
            _q2 = ElbowLimit;
            _q2Dot = Math.Min(_q2Dot, 0.0);
        }
        else if (_q2 < -ElbowLimit)
        {
            _q2 = -ElbowLimit;
            _q2Dot = Math.Max(_q2Dot, 0.0);
        }
    }

    /// <summary>The state [q₁, q₂, q̇₁, q̇₂, target_x, target_y] in float64 (rad, rad/s, m).</summary>
    public double[] GetState() => [_q1, _q2, _q1Dot, _q2Dot, _targetX, _targetY];

    /// <summary>Sets the state [q₁, q₂, q̇₁, q̇₂, target_x, target_y] and the step count of the current episode, ready to step.</summary>
    /// <exception cref="ArgumentException">The state does not have 6 finite elements, or q₂ is outside [−3, 3].</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elapsedSteps"/> is outside [0, 50).</exception>
    public void SetState(ReadOnlySpan<double> state, int elapsedSteps)
    {
        StateChecks.RequireSteppable(Spec, state, elapsedSteps);
        if (Math.Abs(state[1]) > ElbowLimit)
            throw new ArgumentException($"{Id} elbow angle q2 = {state[1]} is beyond its limit ±{ElbowLimit}.", nameof(state));
        (_q1, _q2, _q1Dot, _q2Dot, _targetX, _targetY) = (state[0], state[1], state[2], state[3], state[4], state[5]);
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
        Fingertip(_q1, _q2, out double tipX, out double tipY);
        observation[0] = (float)DetMath.Cos(_q1);
        observation[1] = (float)DetMath.Cos(_q2);
        observation[2] = (float)DetMath.Sin(_q1);
        observation[3] = (float)DetMath.Sin(_q2);
        observation[4] = (float)_targetX;
        observation[5] = (float)_targetY;
        observation[6] = (float)_q1Dot;
        observation[7] = (float)_q2Dot;
        observation[8] = (float)(tipX - _targetX);
        observation[9] = (float)(tipY - _targetY);
    }

    private static void RequireObservationLength(Span<double> observation)
    {
        if (observation.Length != ObservationSize)
            throw new ArgumentException($"{Id} observations have {ObservationSize} elements; the buffer has {observation.Length}.", nameof(observation));
    }

    private static EnvironmentSpec CreateSpec() => new(
        Id: Id,
        ObservationSize: ObservationSize,
        ObservationLow: Enumerable.Repeat(double.NegativeInfinity, ObservationSize).ToArray(),
        ObservationHigh: Enumerable.Repeat(double.PositiveInfinity, ObservationSize).ToArray(),
        ActionKind: ActionKind.Continuous,
        ActionSize: 2,
        ActionLow: [-1.0, -1.0],
        ActionHigh: [1.0, 1.0],
        MaxEpisodeSteps: MaxEpisodeSteps,
        RewardThreshold: null,
        Description: "Move a two-link planar arm's fingertip to a random target with joint torques (MuJoCo-free Reacher-v5).")
    {
        StateNames = ["q1", "q2", "q1_dot", "q2_dot", "target_x", "target_y"],
    };
}
