namespace Trpo.Core.Environments;

/// <summary>The outcome of one environment step (the observation is written into the caller's buffer).</summary>
/// <param name="Reward">Reward for the transition.</param>
/// <param name="Terminated">The MDP reached a terminal state: no bootstrap from the next state.</param>
/// <param name="Truncated">The time limit cut the episode: bootstrap from the next state's value.</param>
public readonly record struct StepResult(double Reward, bool Terminated, bool Truncated)
{
    /// <summary>The episode is over, one way or the other.</summary>
    public bool Done => Terminated || Truncated;
}
