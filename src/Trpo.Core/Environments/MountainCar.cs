using Trpo.Core.Numerics;

namespace Trpo.Core.Environments;

/// <summary>
/// MountainCar-v0: drive an underpowered car out of a valley to the flag on the right hill by rocking it back
/// and forth. A port of Gymnasium's <c>MountainCarEnv</c> with its <c>TimeLimit</c> built in.
/// </summary>
/// <remarks>
/// <para><b>Description.</b> The mountain-car task of A. W. Moore, "Efficient memory-based learning for robot
/// control", PhD thesis, University of Cambridge, 1990 (technical report UCAM-CL-TR-209), in the form of
/// Sutton and Barto. Ported from Gymnasium <c>gymnasium/envs/classic_control/mountain_car.py</c>
/// (<c>MountainCarEnv</c>, default <c>goal_velocity = 0</c>) and the registration in
/// <c>gymnasium/envs/__init__.py</c>, tag v1.3.0 (commit 53bf3e9a884783eb72ad3fc8b15780914c97c3e1).</para>
///
/// <para><b>Action Space.</b> Discrete(3), passed as a one-element span holding the index: 0 accelerates
/// left, 1 does not accelerate, 2 accelerates right. Any other value is rejected.</para>
///
/// <para><b>Observation Space.</b> Box of shape (2,), float32 values:</para>
/// <list type="table">
/// <listheader><term>Index</term><description>Observation — low / high</description></listheader>
/// <item><term>0</term><description>Position along the x-axis (m) — −1.2 / 0.6</description></item>
/// <item><term>1</term><description>Velocity (m/step) — −0.07 / 0.07</description></item>
/// </list>
///
/// <para><b>State.</b> [position, velocity] in float64; the observation is the state rounded to float32.</para>
///
/// <para><b>Dynamics.</b> Semi-implicit Euler, one step per action, in Gymnasium's order:
/// <code>
/// velocity' = clip(velocity + ((action − 1) · force + cos(3 · position) · (−gravity)), −0.07, 0.07)
/// position' = clip(position + velocity', −1.2, 0.6)
/// if position' == −1.2 and velocity' &lt; 0: velocity' = 0          (the inelastic left wall)
/// </code>
/// with force = 0.001 and gravity = 0.0025. The cosine comes from <see cref="DetMath"/> (Gymnasium calls
/// <c>math.cos</c>, i.e. the C library; glibc's is an ulp off for about 0.1% of arguments).</para>
///
/// <para><b>Rewards.</b> −1 for every step, the terminating one included. Reward threshold −110 (registered
/// for MountainCar-v0).</para>
///
/// <para><b>Starting State.</b> position uniform on [−0.6, −0.4), velocity 0, as Gymnasium's
/// <c>np.array([self.np_random.uniform(low=-0.6, high=-0.4), 0])</c>: one draw, so with a
/// <see cref="NumPyGenerator"/> seeded with s the same state as Gymnasium's <c>reset(seed=s)</c>.</para>
///
/// <para><b>Episode End.</b> <i>Termination</i>: after a step, position ≥ 0.5 and velocity ≥ 0.
/// <i>Truncation</i>: <see cref="ElapsedSteps"/> reaches 200. Stepping a finished episode, or an environment
/// never reset, throws <see cref="InvalidOperationException"/>.</para>
///
/// <para><b>Version History.</b> Ours: first port (Gymnasium v1.3.0 MountainCar-v0). Gymnasium's: v0 is the
/// initial version.</para>
/// </remarks>
public sealed class MountainCar : IEnvironment
{
    /// <summary>Gymnasium id.</summary>
    public const string Id = "MountainCar-v0";

    /// <summary>Left end of the track, in m (Gymnasium's <c>min_position</c>).</summary>
    public const double MinPosition = -1.2;

    /// <summary>Right end of the track, in m (<c>max_position</c>).</summary>
    public const double MaxPosition = 0.6;

    /// <summary>Largest speed, per step (<c>max_speed</c>).</summary>
    public const double MaxSpeed = 0.07;

    /// <summary>Position of the flag, in m (<c>goal_position</c>).</summary>
    public const double GoalPosition = 0.5;

    /// <summary>Least velocity at the flag that terminates (<c>goal_velocity</c>, default 0).</summary>
    public const double GoalVelocity = 0.0;

    /// <summary>Velocity change per step of a full push (<c>force</c>).</summary>
    public const double Force = 0.001;

    /// <summary>Gravity coefficient of the cos(3x) hill (<c>gravity</c>).</summary>
    public const double Gravity = 0.0025;

    /// <summary>Time limit in steps (registered <c>max_episode_steps</c> of MountainCar-v0).</summary>
    public const int MaxEpisodeSteps = 200;

    /// <summary>Registered reward threshold of MountainCar-v0.</summary>
    public const double RewardThreshold = -110.0;

    /// <summary>Start positions lie in [<see cref="StartLow"/>, <see cref="StartHigh"/>).</summary>
    public const double StartLow = -0.6;

    /// <summary>Upper bound (exclusive) of the start position.</summary>
    public const double StartHigh = -0.4;

    private const int StateSize = 2;

    private static readonly EnvironmentSpec SharedSpec = CreateSpec();

    private double _position, _velocity;
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
        _position = random.NextUniform(StartLow, StartHigh);
        _velocity = 0.0;
        _elapsedSteps = 0;
        _canStep = true;
        WriteObservation(observation);
    }

    /// <summary>Accelerates left (0), not at all (1) or right (2) for one step and writes the next observation.</summary>
    /// <exception cref="InvalidOperationException">The episode is over, or the environment was never reset.</exception>
    /// <exception cref="ArgumentException">The action does not have one element.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The action is not 0, 1 or 2.</exception>
    public StepResult Step(ReadOnlySpan<double> action, Span<double> observation)
    {
        if (!_canStep)
        {
            throw new InvalidOperationException(_elapsedSteps == 0
                ? "MountainCar-v0: Step called before Reset."
                : $"MountainCar-v0: the episode is over (after {_elapsedSteps} steps); call Reset before stepping again.");
        }
        if (action.Length != 1)
        {
            throw new ArgumentException($"MountainCar-v0 takes a one-element action holding 0, 1 or 2; got {action.Length} elements.", nameof(action));
        }
        double a = action[0];
        if (a != 0.0 && a != 1.0 && a != 2.0)
        {
            throw new ArgumentOutOfRangeException(nameof(action), a, "MountainCar-v0 actions are 0 (left), 1 (none) or 2 (right).");
        }
        RequireObservationLength(observation);

        // velocity += (action - 1) * force + cos(3 * position) * (-gravity)
        double velocity = _velocity + ((a - 1) * Force + DetMath.Cos(3 * _position) * (-Gravity));
        velocity = Math.Clamp(velocity, -MaxSpeed, MaxSpeed);
        // position += velocity
        double position = Math.Clamp(_position + velocity, MinPosition, MaxPosition);
        // the inelastic left wall
        if (position == MinPosition && velocity < 0)
        {
            velocity = 0.0;
        }
        _position = position;
        _velocity = velocity;

        bool terminated = position >= GoalPosition && velocity >= GoalVelocity;
        _elapsedSteps++;
        bool truncated = _elapsedSteps >= MaxEpisodeSteps;
        _canStep = !(terminated || truncated);

        WriteObservation(observation);
        return new StepResult(-1.0, terminated, truncated);
    }

    /// <summary>The state [position, velocity] in float64.</summary>
    public double[] GetState() => [_position, _velocity];

    /// <summary>Sets the state [position, velocity] and the step count of the current episode, ready to step.</summary>
    /// <exception cref="ArgumentException">The state does not have 2 finite elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elapsedSteps"/> is outside [0, 200).</exception>
    public void SetState(ReadOnlySpan<double> state, int elapsedSteps)
    {
        StateChecks.RequireSteppable(Spec, state, elapsedSteps);
        _position = state[0];
        _velocity = state[1];
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
        observation[0] = (float)_position;
        observation[1] = (float)_velocity;
    }

    private static void RequireObservationLength(Span<double> observation)
    {
        if (observation.Length != StateSize)
        {
            throw new ArgumentException($"MountainCar-v0 observations have {StateSize} elements; the buffer has {observation.Length}.", nameof(observation));
        }
    }

    private static EnvironmentSpec CreateSpec()
    {
        // Gymnasium: low = [min_position, -max_speed], high = [max_position, max_speed], float32
        return new EnvironmentSpec(
            Id: Id,
            ObservationSize: StateSize,
            ObservationLow: [(float)MinPosition, (float)-MaxSpeed],
            ObservationHigh: [(float)MaxPosition, (float)MaxSpeed],
            ActionKind: ActionKind.Discrete,
            ActionSize: 3,
            ActionLow: [],
            ActionHigh: [],
            MaxEpisodeSteps: MaxEpisodeSteps,
            RewardThreshold: RewardThreshold,
            Description: "Rock an underpowered car out of a valley to the flag (Gymnasium MountainCar-v0).")
        {
            StateNames = ["position", "velocity"],
        };
    }
}
