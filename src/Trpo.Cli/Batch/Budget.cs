namespace Trpo.Cli.Batch;

/// <summary>
/// How long each run of a batch trains: a number of epochs, or a number of environment steps that becomes
/// ⌈env_steps / steps_per_epoch⌉ epochs once the run's <c>steps_per_epoch</c> is known (so a run takes at least
/// that many steps, as sb3's <c>learn(total_timesteps)</c> does: it stops at the first rollout that reaches it).
/// </summary>
/// <param name="Epochs">Epochs per run, or null.</param>
/// <param name="EnvSteps">Environment steps per run, or null.</param>
public sealed record Budget(int? Epochs, long? EnvSteps)
{
    /// <summary>The epochs a run with <paramref name="stepsPerEpoch"/> steps per epoch trains for.</summary>
    public int EpochsFor(int stepsPerEpoch)
        => Epochs ?? (int)Math.Min(int.MaxValue, (EnvSteps!.Value + stepsPerEpoch - 1) / stepsPerEpoch);

    /// <summary>For messages and results: <c>50 epochs</c> or <c>100000 env steps</c>.</summary>
    public override string ToString() => Epochs is { } e ? $"{e} epochs" : $"{EnvSteps} env steps";
}
