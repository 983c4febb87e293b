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
    string Description);
