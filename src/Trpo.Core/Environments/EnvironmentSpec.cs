namespace Trpo.Core.Environments;

/// <summary>
/// What a user and a policy need to know about an environment: its spaces, time limit and the reward
/// threshold Gymnasium registers for it.
/// </summary>
/// <param name="Id">Gymnasium-style id, e.g. <c>CartPole-v1</c>.</param>
/// <param name="ObservationSize">Length of the observation vector.</param>
/// <param name="ObservationLow">Lower bounds of the observation box (may be -infinity).</param>
/// <param name="ObservationHigh">Upper bounds of the observation box (may be +infinity).</param>
/// <param name="ActionKind">Discrete or continuous actions.</param>
/// <param name="ActionSize">Number of discrete actions, or the dimension of a continuous action.</param>
/// <param name="ActionLow">Lower bounds of a continuous action (empty for discrete).</param>
/// <param name="ActionHigh">Upper bounds of a continuous action (empty for discrete).</param>
/// <param name="MaxEpisodeSteps">Truncation limit (Gymnasium's TimeLimit wrapper).</param>
/// <param name="RewardThreshold">Return at which the task counts as solved, or null when none is registered.</param>
/// <param name="Description">One line for listings.</param>
public sealed record EnvironmentSpec(
    string Id,
    int ObservationSize,
    double[] ObservationLow,
    double[] ObservationHigh,
    ActionKind ActionKind,
    int ActionSize,
    double[] ActionLow,
    double[] ActionHigh,
    int MaxEpisodeSteps,
    double? RewardThreshold,
    string Description)
{
    /// <summary>
    /// Names of the internal state variables, in the order of <see cref="IEnvironment.GetState"/>
    /// (e.g. <c>x, x_dot, theta, theta_dot</c>); empty when the environment does not name them.
    /// </summary>
    public IReadOnlyList<string> StateNames { get; init; } = [];

    /// <summary>The name of state variable <paramref name="index"/>: its entry in <see cref="StateNames"/>, else its index.</summary>
    public string StateName(int index) => index < StateNames.Count ? StateNames[index] : index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A continuous action clipped to [low, high] per dimension into <paramref name="clipped"/>, as sb3 clips Box actions
    /// before they reach the environment; NaN stays NaN (for the environment to reject). Returns <paramref name="clipped"/>.
    /// </summary>
    public ReadOnlySpan<double> ClipAction(ReadOnlySpan<double> action, Span<double> clipped)
    {
        for (int i = 0; i < action.Length; i++)
            clipped[i] = action[i] < ActionLow[i] ? ActionLow[i] : action[i] > ActionHigh[i] ? ActionHigh[i] : action[i];
        return clipped;
    }

    /// <summary>
    /// Null when <paramref name="action"/> lies in the action space; otherwise why not, in a few words (for
    /// messages such as <c>action 3: ...</c>). Discrete(n): one element, an integer in 0..n−1. Box: one finite
    /// element per dimension, each within [low, high].
    /// </summary>
    public string? DescribeInvalidAction(ReadOnlySpan<double> action)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (ActionKind == ActionKind.Discrete)
        {
            if (action.Length != 1) return $"expected one integer in 0..{ActionSize - 1}, got {action.Length} values";
            double a = action[0];
            return a >= 0 && a <= ActionSize - 1 && a == Math.Floor(a)
                ? null
                : $"{a.ToString("R", invariant)} is not an action of Discrete({ActionSize}) (0..{ActionSize - 1})";
        }
        if (action.Length != ActionSize) return $"expected {ActionSize} comma-separated numbers, got {action.Length}";
        for (int i = 0; i < ActionSize; i++)
        {
            double a = action[i];
            if (!(a >= ActionLow[i] && a <= ActionHigh[i]))
            {
                string where = ActionSize == 1 ? "" : $" (element {i})";
                return $"{a.ToString("R", invariant)}{where} is outside the action space [{ActionLow[i].ToString("R", invariant)}, {ActionHigh[i].ToString("R", invariant)}]";
            }
        }
        return null;
    }
}
