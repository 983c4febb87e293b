namespace Trpo.Core.Training;

/// <summary>The four phases of one epoch, in the order <see cref="Trainer.RunEpoch"/> runs them (design.md, "One iteration").</summary>
public enum EpochPhase
{
    /// <summary>Step 1: collect steps_per_epoch steps (policy forward pass, sampling, environment steps).</summary>
    Rollout,
    /// <summary>Step 2: V(s) and bootstrap values, GAE, value targets, advantage normalisation.</summary>
    Advantages,
    /// <summary>Steps 3–7: gradient, conjugate gradient over Fisher-vector products, line search.</summary>
    PolicyStep,
    /// <summary>Step 8: the value-function fit.</summary>
    Critic,
}
