namespace Trpo.Core.Environments;

/// <summary>
/// Steps an environment through a given list of actions from a given start and records every step: what
/// <c>trpo env replay</c> writes. The first record is the start (step 0, no action, no reward).
/// </summary>
public static class EnvironmentReplay
{
    /// <summary>
    /// Runs <paramref name="environment"/>, already reset or set to its start state, through
    /// <paramref name="actions"/> until the actions run out or the episode ends.
    /// </summary>
    /// <exception cref="ArgumentException">An action is not in the action space (its index is in <see cref="ArgumentException.ParamName"/>'s message).</exception>
    public static ReplayResult Run(IEnvironment environment, ReadOnlySpan<double> startObservation, IReadOnlyList<double[]> actions)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(actions);
        var spec = environment.Spec;
        var steps = new List<ReplayStep>
        {
            new(0, null, environment.GetState(), startObservation.ToArray(), null, false, false),
        };
        var observation = new double[spec.ObservationSize];
        for (int i = 0; i < actions.Count; i++)
        {
            string? problem = spec.DescribeInvalidAction(actions[i]);
            if (problem is not null)
            {
                throw new ArgumentException($"action {i + 1}: {problem}", nameof(actions));
            }
            var result = environment.Step(actions[i], observation);
            steps.Add(new ReplayStep(i + 1, actions[i], environment.GetState(), [.. observation], result.Reward, result.Terminated, result.Truncated));
            if (result.Done)
            {
                return new ReplayResult(steps, result.Terminated ? ReplayEnd.Terminated : ReplayEnd.Truncated, actions.Count - (i + 1));
            }
        }
        return new ReplayResult(steps, ReplayEnd.ActionsExhausted, 0);
    }
}

/// <summary>One recorded step of a replay.</summary>
/// <param name="Step">0 for the start, then 1, 2, ...</param>
/// <param name="Action">The action taken (null for the start).</param>
/// <param name="State">The full internal state after the step (float64).</param>
/// <param name="Observation">The observation after the step.</param>
/// <param name="Reward">The step's reward (null for the start).</param>
/// <param name="Terminated">The step terminated the episode.</param>
/// <param name="Truncated">The step hit the time limit.</param>
public sealed record ReplayStep(int Step, double[]? Action, double[] State, double[] Observation, double? Reward, bool Terminated, bool Truncated);

/// <summary>Why a replay stopped.</summary>
public enum ReplayEnd
{
    /// <summary>Every action was used and the episode is still running.</summary>
    ActionsExhausted,
    /// <summary>The episode terminated.</summary>
    Terminated,
    /// <summary>The episode hit its time limit.</summary>
    Truncated,
}

/// <summary>The steps of a replay, why it stopped, and how many actions were left unused.</summary>
public sealed record ReplayResult(IReadOnlyList<ReplayStep> Steps, ReplayEnd End, int UnusedActions);
