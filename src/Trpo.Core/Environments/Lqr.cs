using Trpo.Core.Control;
using Trpo.Core.Numerics;

namespace Trpo.Core.Environments;

/// <summary>
/// LQR-v0: steer a linear system x' = A x + B u to the origin at quadratic cost, a task whose optimum is known
/// exactly (the discrete Riccati equation, <see cref="Riccati"/>), for checking that learning converges.
/// </summary>
/// <remarks>
/// <para><b>Description.</b> The discrete-time linear-quadratic regulator (Kalman 1960; Bertsekas, Dynamic
/// Programming and Optimal Control, vol. I, §3.1) played as a reinforcement-learning task, as in Recht, "A Tour of
/// Reinforcement Learning: The View from Continuous Control", Annual Review of Control, Robotics, and Autonomous
/// Systems 2, 2019, and the LQR domain of the DeepMind Control Suite (Tassa et al. 2018). The system is an
/// <see cref="LqrSystem"/>; the default is a double integrator discretised with a zero-order hold
/// (<see cref="LqrSystem.Default"/>: dt = 0.1 s, Q = I₂, R = 0.1, T = 100, x₀ uniform on [−1, 1)²).</para>
///
/// <para><b>Action Space.</b> Box(−∞, ∞, (m,)): the input u, used as given (no clipping; the quadratic action
/// cost bounds it). An action of the wrong length or with a non-finite element throws <see cref="ArgumentException"/>.</para>
///
/// <para><b>Observation Space.</b> Box(−∞, ∞, (n,)): the state x, rounded to float32.</para>
/// <list type="table">
/// <listheader><term>Index</term><description>Observation (default system)</description></listheader>
/// <item><term>0</term><description>position p (m)</description></item>
/// <item><term>1</term><description>velocity v (m/s)</description></item>
/// </list>
///
/// <para><b>State.</b> x in float64 (<see cref="GetState"/>), n elements named x0 .. x(n−1) (for the default
/// system x0 is the position, x1 the velocity).</para>
///
/// <para><b>Dynamics.</b> x_{t+1} = A x_t + B u_t, each product summed in index order (<see cref="DenseMatrix"/>).</para>
///
/// <para><b>Rewards.</b> r_t = −(x_tᵀ Q x_t + u_tᵀ R u_t), at the state <i>before</i> the step and the action
/// taken. The return of an episode is minus its cost J = Σ_{t=0}^{T−1} (x_tᵀQx_t + u_tᵀRu_t); there is no
/// terminal cost. The least expected cost over all policies is tr(P₀ Σ₀) (finite-horizon Riccati recursion from
/// P_T = 0, Σ₀ = E[x₀x₀ᵀ] = diag(h²/3)); for the default system it is 5.97358 (return −5.97358), and the best
/// stationary linear policy u = −K∞ x (infinite-horizon Riccati equation) is within 1e-9 relative of it. No
/// reward threshold is registered; <c>trpo train</c> reports the trained policy's cost gap to the optimum.</para>
///
/// <para><b>Starting State.</b> x₀,i uniform on [−h_i, h_i) (h = <see cref="LqrSystem.StartHigh"/>), drawn in
/// element order with the reset source's <c>NextUniform</c> (in training, NumPy's generator seeded s + e, as for every
/// environment).</para>
///
/// <para><b>Episode End.</b> <i>Termination</i>: never. <i>Truncation</i>: after <see cref="LqrSystem.Horizon"/>
/// steps (the time limit). Stepping a finished episode, or an environment never reset, throws
/// <see cref="InvalidOperationException"/>.</para>
///
/// <para><b>Version History.</b> v0: first version (ours; not a Gymnasium task).</para>
/// </remarks>
public sealed class Lqr : IEnvironment
{
    /// <summary>The id.</summary>
    public const string Id = "LQR-v0";

    private readonly double[] _x;
    private readonly double[] _next;
    private readonly double[] _bu;
    private int _elapsedSteps;
    private bool _canStep;

    /// <summary>LQR-v0 on the default double integrator.</summary>
    public Lqr() : this(LqrSystem.Default)
    {
    }

    /// <summary>LQR-v0 on <paramref name="system"/>.</summary>
    /// <exception cref="ArgumentException">The system is invalid (<see cref="LqrSystem.Validate"/>; all messages joined).</exception>
    public Lqr(LqrSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var errors = system.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(system));
        System = system;
        int n = system.StateSize;
        _x = new double[n];
        _next = new double[n];
        _bu = new double[n];
        Spec = CreateSpec(system);
    }

    /// <summary>The system this task plays.</summary>
    public LqrSystem System { get; }

    /// <inheritdoc />
    public EnvironmentSpec Spec { get; }

    /// <inheritdoc />
    public int ElapsedSteps => _elapsedSteps;

    /// <inheritdoc />
    public void Reset(IRandomSource random, Span<double> observation)
    {
        ArgumentNullException.ThrowIfNull(random);
        RequireObservationLength(observation);
        for (int i = 0; i < _x.Length; i++)
            _x[i] = random.NextUniform(-System.StartHigh[i], System.StartHigh[i]);
        _elapsedSteps = 0;
        _canStep = true;
        WriteObservation(observation);
    }

    /// <summary>Applies input u = <paramref name="action"/> for one step; the reward is −(xᵀQx + uᵀRu) at the old state.</summary>
    /// <exception cref="InvalidOperationException">The episode is over, or the environment was never reset.</exception>
    /// <exception cref="ArgumentException">The action has the wrong length or a non-finite element.</exception>
    public StepResult Step(ReadOnlySpan<double> action, Span<double> observation)
    {
        if (!_canStep)
        {
            throw new InvalidOperationException(_elapsedSteps == 0
                ? $"{Id}: Step called before Reset."
                : $"{Id}: the episode is over (after {_elapsedSteps} steps); call Reset before stepping again.");
        }
        if (action.Length != System.ActionSize)
            throw new ArgumentException($"{Id} takes actions of {System.ActionSize} elements; got {action.Length}.", nameof(action));
        for (int j = 0; j < action.Length; j++)
        {
            if (!double.IsFinite(action[j]))
                throw new ArgumentException($"{Id} action element {j} is {action[j]}; it must be finite.", nameof(action));
        }
        RequireObservationLength(observation);

        // c = xᵀ Q x + uᵀ R u at the old state
        double cost = DenseMatrix.QuadraticForm(System.Q, _x) + DenseMatrix.QuadraticForm(System.R, action);
        // x' = A x + B u
        DenseMatrix.MultiplyVector(System.A, _x, _next);
        DenseMatrix.MultiplyVector(System.B, action, _bu);
        for (int i = 0; i < _x.Length; i++) _x[i] = _next[i] + _bu[i];

        _elapsedSteps++;
        bool truncated = _elapsedSteps >= System.Horizon;
        _canStep = !truncated;
        WriteObservation(observation);
        return new StepResult(-cost, Terminated: false, Truncated: truncated);
    }

    /// <summary>The state x (float64).</summary>
    public double[] GetState() => (double[])_x.Clone();

    /// <summary>Sets the state x and the step count of the current episode, ready to step.</summary>
    /// <exception cref="ArgumentException">The state does not have n finite elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elapsedSteps"/> is outside [0, T).</exception>
    public void SetState(ReadOnlySpan<double> state, int elapsedSteps)
    {
        if (state.Length != _x.Length)
            throw new ArgumentException($"{Id} state has {_x.Length} elements; got {state.Length}.", nameof(state));
        for (int i = 0; i < state.Length; i++)
        {
            if (!double.IsFinite(state[i]))
                throw new ArgumentException($"{Id} state element {i} is {state[i]}; it must be finite.", nameof(state));
        }
        if (elapsedSteps < 0 || elapsedSteps >= System.Horizon)
            throw new ArgumentOutOfRangeException(nameof(elapsedSteps), elapsedSteps, $"must lie in [0, {System.Horizon}) for the episode to be steppable.");
        state.CopyTo(_x);
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
        for (int i = 0; i < _x.Length; i++) observation[i] = (float)_x[i];
    }

    private void RequireObservationLength(Span<double> observation)
    {
        if (observation.Length != _x.Length)
            throw new ArgumentException($"{Id} observations have {_x.Length} elements; the buffer has {observation.Length}.", nameof(observation));
    }

    private static EnvironmentSpec CreateSpec(LqrSystem system)
    {
        int n = system.StateSize, m = system.ActionSize;
        return new EnvironmentSpec(
            Id: Id,
            ObservationSize: n,
            ObservationLow: Enumerable.Repeat(double.NegativeInfinity, n).ToArray(),
            ObservationHigh: Enumerable.Repeat(double.PositiveInfinity, n).ToArray(),
            ActionKind: ActionKind.Continuous,
            ActionSize: m,
            ActionLow: Enumerable.Repeat(double.NegativeInfinity, m).ToArray(),
            ActionHigh: Enumerable.Repeat(double.PositiveInfinity, m).ToArray(),
            MaxEpisodeSteps: system.Horizon,
            RewardThreshold: null,
            Description: "Steer a linear system x' = Ax + Bu to 0 at quadratic cost; optimum known by Riccati (default: double integrator).")
        {
            StateNames = Enumerable.Range(0, n).Select(i => "x" + i.ToString(global::System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        };
    }
}
