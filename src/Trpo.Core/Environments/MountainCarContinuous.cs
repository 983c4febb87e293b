using Trpo.Core.Numerics;

namespace Trpo.Core.Environments;

/// <summary>
/// MountainCarContinuous-v0: the mountain car with a continuous engine force and an energy cost, and a bonus of
/// 100 for reaching the flag. A port of Gymnasium's <c>Continuous_MountainCarEnv</c> with its <c>TimeLimit</c>
/// built in.
/// </summary>
/// <remarks>
/// <para><b>Description.</b> The continuous variant of A. W. Moore's mountain car (PhD thesis, Cambridge,
/// 1990) from Gymnasium <c>gymnasium/envs/classic_control/continuous_mountain_car.py</c>
/// (<c>Continuous_MountainCarEnv</c>, default <c>goal_velocity = 0</c>) and the registration in
/// <c>gymnasium/envs/__init__.py</c>, tag v1.3.0 (commit 53bf3e9a884783eb72ad3fc8b15780914c97c3e1).</para>
///
/// <para><b>Action Space.</b> Box(−1, 1, (1,)): the engine force, passed as a one-element span. Values
/// outside [−1, 1] are accepted: the force is clipped, the energy cost is not (as in Gymnasium). NaN is
/// rejected.</para>
///
/// <para><b>Observation Space.</b> Box of shape (2,), float32 values: position (m) in [−1.2, 0.6] and
/// velocity in [−0.07, 0.07], as in <see cref="MountainCar"/>.</para>
///
/// <para><b>State.</b> [position, velocity]. Gymnasium stores the state after every step as a float32
/// array (<c>np.array([position, velocity], dtype=np.float32)</c>) and returns that array as the
/// observation; so does this port: after a step both state elements hold float32 values (as doubles), and the
/// observation equals the state. Only the start state (two float64 values, velocity 0) is not rounded. The
/// arithmetic of a step is float64 (NumPy 1.24 promotes a float32 scalar combined with a Python float to
/// float64).</para>
///
/// <para><b>Dynamics.</b> In Gymnasium's order, with power = 0.0015:
/// <code>
/// force     = min(max(action, −1), 1)
/// velocity' = velocity + (force · power − 0.0025 · cos(3 · position));  then limited to ±0.07
/// position' = position + velocity';  then limited to [−1.2, 0.6]
/// if position' == −1.2 and velocity' &lt; 0: velocity' = 0
/// state = float32(position', velocity')
/// </code>
/// The cosine comes from <see cref="DetMath"/> (Gymnasium calls <c>math.cos</c>, i.e. the C library; glibc's
/// is an ulp off for about 0.1% of arguments).</para>
///
/// <para><b>Rewards.</b> r = (100 if terminated else 0) − 0.1 · action², with the <i>unclipped</i> action,
/// from the float64 values before rounding. The square is action·action, correctly rounded; Gymnasium's
/// <c>math.pow(action[0], 2)</c> calls C pow, which glibc rounds 1 ulp away from it for about 0.09% of actions,
/// so a reward can differ from Gymnasium's in its last bit. Reward threshold 90 (registered for
/// MountainCarContinuous-v0).</para>
///
/// <para><b>Starting State.</b> position uniform on [−0.6, −0.4), velocity 0 (one draw, as
/// <see cref="MountainCar"/>): with a <see cref="NumPyGenerator"/> seeded with s, the same state as
/// Gymnasium's <c>reset(seed=s)</c>.</para>
///
/// <para><b>Episode End.</b> <i>Termination</i>: after a step, position ≥ 0.45 and velocity ≥ 0 (float64
/// values, before the float32 rounding). <i>Truncation</i>: <see cref="ElapsedSteps"/> reaches 999.
/// Stepping a finished episode, or an environment never reset, throws <see cref="InvalidOperationException"/>.</para>
///
/// <para><b>Version History.</b> Ours: first port (Gymnasium v1.3.0 MountainCarContinuous-v0). Gymnasium's:
/// v0 is the initial version.</para>
/// </remarks>
public sealed class MountainCarContinuous : IEnvironment
{
    /// <summary>Gymnasium id.</summary>
    public const string Id = "MountainCarContinuous-v0";

    /// <summary>Smallest force (Gymnasium's <c>min_action</c>).</summary>
    public const double MinAction = -1.0;

    /// <summary>Largest force (<c>max_action</c>).</summary>
    public const double MaxAction = 1.0;

    /// <summary>Left end of the track, in m (<c>min_position</c>).</summary>
    public const double MinPosition = -1.2;

    /// <summary>Right end of the track, in m (<c>max_position</c>).</summary>
    public const double MaxPosition = 0.6;

    /// <summary>Largest speed, per step (<c>max_speed</c>).</summary>
    public const double MaxSpeed = 0.07;

    /// <summary>Position of the flag, in m (<c>goal_position</c>: 0.45, not MountainCar's 0.5).</summary>
    public const double GoalPosition = 0.45;

    /// <summary>Least velocity at the flag that terminates (<c>goal_velocity</c>, default 0).</summary>
    public const double GoalVelocity = 0.0;

    /// <summary>Velocity change per step per unit of force (<c>power</c>).</summary>
    public const double Power = 0.0015;

    /// <summary>Gravity coefficient of the cos(3x) hill (the literal 0.0025 in <c>step</c>).</summary>
    public const double Gravity = 0.0025;

    /// <summary>Reward for reaching the flag.</summary>
    public const double GoalReward = 100.0;

    /// <summary>Coefficient of the energy cost action².</summary>
    public const double ActionCost = 0.1;

    /// <summary>Time limit in steps (registered <c>max_episode_steps</c> of MountainCarContinuous-v0).</summary>
    public const int MaxEpisodeSteps = 999;

    /// <summary>Registered reward threshold of MountainCarContinuous-v0.</summary>
    public const double RewardThreshold = 90.0;

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
        // np.array([self.np_random.uniform(low=-0.6, high=-0.4), 0]) -- float64, not rounded
        _position = random.NextUniform(MountainCar.StartLow, MountainCar.StartHigh);
        _velocity = 0.0;
        _elapsedSteps = 0;
        _canStep = true;
        WriteObservation(observation);
    }

    /// <summary>Applies engine force <c>action[0]</c> (clipped to [−1, 1]) for one step and writes the next observation.</summary>
    /// <exception cref="InvalidOperationException">The episode is over, or the environment was never reset.</exception>
    /// <exception cref="ArgumentException">The action does not have exactly one element, or it is NaN.</exception>
    public StepResult Step(ReadOnlySpan<double> action, Span<double> observation)
    {
        if (!_canStep)
        {
            throw new InvalidOperationException(_elapsedSteps == 0
                ? "MountainCarContinuous-v0: Step called before Reset."
                : $"MountainCarContinuous-v0: the episode is over (after {_elapsedSteps} steps); call Reset before stepping again.");
        }
        if (action.Length != 1)
        {
            throw new ArgumentException($"MountainCarContinuous-v0 takes a one-element action (the force); got {action.Length} elements.", nameof(action));
        }
        double a = action[0];
        if (double.IsNaN(a))
        {
            throw new ArgumentException("MountainCarContinuous-v0 force is NaN.", nameof(action));
        }
        RequireObservationLength(observation);

        // force = min(max(action[0], min_action), max_action)
        double force = Math.Min(Math.Max(a, MinAction), MaxAction);
        // velocity += force * power - 0.0025 * cos(3 * position)
        double velocity = _velocity + (force * Power - Gravity * DetMath.Cos(3 * _position));
        if (velocity > MaxSpeed) velocity = MaxSpeed;
        if (velocity < -MaxSpeed) velocity = -MaxSpeed;
        double position = _position + velocity;
        if (position > MaxPosition) position = MaxPosition;
        if (position < MinPosition) position = MinPosition;
        if (position == MinPosition && velocity < 0) velocity = 0.0;

        bool terminated = position >= GoalPosition && velocity >= GoalVelocity;
        // reward = (100 if terminated else 0) - pow(action[0], 2) * 0.1, with the unclipped action
        double reward = (terminated ? GoalReward : 0.0) - a * a * ActionCost;

        // self.state = np.array([position, velocity], dtype=np.float32)
        _position = (float)position;
        _velocity = (float)velocity;
        _elapsedSteps++;
        bool truncated = _elapsedSteps >= MaxEpisodeSteps;
        _canStep = !(terminated || truncated);

        WriteObservation(observation);
        return new StepResult(reward, terminated, truncated);
    }

    /// <summary>The state [position, velocity] (float32 values after the first step, see remarks).</summary>
    public double[] GetState() => [_position, _velocity];

    /// <summary>Sets the state [position, velocity] and the step count of the current episode, ready to step.</summary>
    /// <exception cref="ArgumentException">The state does not have 2 finite elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elapsedSteps"/> is outside [0, 999).</exception>
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
            throw new ArgumentException($"MountainCarContinuous-v0 observations have {StateSize} elements; the buffer has {observation.Length}.", nameof(observation));
        }
    }

    private static EnvironmentSpec CreateSpec()
    {
        // Gymnasium: action Box(-1, 1, (1,), float32); observation Box([-1.2, -0.07], [0.6, 0.07], float32)
        return new EnvironmentSpec(
            Id: Id,
            ObservationSize: StateSize,
            ObservationLow: [(float)MinPosition, (float)-MaxSpeed],
            ObservationHigh: [(float)MaxPosition, (float)MaxSpeed],
            ActionKind: ActionKind.Continuous,
            ActionSize: 1,
            ActionLow: [MinAction],
            ActionHigh: [MaxAction],
            MaxEpisodeSteps: MaxEpisodeSteps,
            RewardThreshold: RewardThreshold,
            Description: "Drive a car with a continuous, costly engine out of a valley to the flag (Gymnasium MountainCarContinuous-v0).")
        {
            StateNames = ["position", "velocity"],
        };
    }
}
