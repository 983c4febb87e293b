using Trpo.Core.Training;

namespace Trpo.Core.Tracing;

/// <summary>
/// The catalogue of golden scenarios: every environment and both action kinds under both presets, each well
/// under a second. Changing a scenario changes its trace's meta lines, so the change shows in review.
/// </summary>
public static class GoldenScenarios
{
    private static readonly int[] Small = [16, 16];

    /// <summary>All scenarios, by name order.</summary>
    public static IReadOnlyList<GoldenScenario> All { get; } =
    [
        new("acrobot-sb3", "Acrobot-v1", "sb3",
            Presets.Sb3 with { StepsPerEpoch = 512, NumEnvs = 2, HiddenSizes = Small },
            0, 2, "three discrete actions, RK4 dynamics, sb3 preset: two environments, minibatch critic"),
        new("acrobot-spinningup", "Acrobot-v1", "spinningup",
            Presets.SpinningUp with { StepsPerEpoch = 256, HiddenSizes = Small, TrainVIters = 5 },
            0, 2, "three discrete actions, RK4 dynamics, spinningup preset: full-batch critic"),
        new("acrobot-zoo", "Acrobot-v1", "zoo",
            ZooPreset.For("Acrobot-v1")!.Options with { StepsPerEpoch = 512, HiddenSizes = Small },
            0, 2, "three discrete actions, zoo preset: observation and reward normalisation (sb3's VecNormalize), two environments"),
        new("cartpole-backtracking", "CartPole-v1", "spinningup",
            Presets.SpinningUp with { StepsPerEpoch = 256, HiddenSizes = Small, TrainVIters = 5, Delta = 2.0, BacktrackIters = 3 },
            4, 3, "discrete actions; a huge trust region makes the quadratic KL model overshoot so a line search rejects every attempt"),
        new("cartpole-sb3", "CartPole-v1", "sb3",
            Presets.Sb3 with { StepsPerEpoch = 512, NumEnvs = 2, HiddenSizes = Small },
            1, 2, "discrete actions, sb3 preset: two environments, orthogonal init, minibatch critic"),
        new("cartpole-sb3-64x64", "CartPole-v1", "sb3",
            Presets.Sb3 with { StepsPerEpoch = 512, NumEnvs = 2 },
            1, 1, "discrete actions, sb3 preset with its own 64 x 64 networks: the dense kernels' full 32-output blocks (512-bit) and 16-output pairs, which the 16-unit scenarios never reach"),
        new("cartpole-spinningup", "CartPole-v1", "spinningup",
            Presets.SpinningUp with { StepsPerEpoch = 256, HiddenSizes = Small, TrainVIters = 5 },
            0, 2, "discrete actions, spinningup preset: terminations inside the batch, full-batch critic"),
        new("cartpole-zoo", "CartPole-v1", "zoo",
            ZooPreset.For("CartPole-v1")!.Options with { StepsPerEpoch = 512, HiddenSizes = Small },
            0, 2, "discrete actions, zoo preset: two environments, full 512-row critic minibatch, cg_damping 1e-3, no normalisation"),
        new("cartpoleswingup-sb3", "CartPoleSwingUp-v0", "sb3",
            Presets.Sb3 with { StepsPerEpoch = 512, NumEnvs = 2, HiddenSizes = Small },
            1, 2, "continuous force clipped to [-1, 1], rewards in [0, 1], sb3 preset: two environments"),
        new("cartpoleswingup-spinningup", "CartPoleSwingUp-v0", "spinningup",
            Presets.SpinningUp with { StepsPerEpoch = 512, HiddenSizes = Small, TrainVIters = 3 },
            0, 2, "the hanging pole, RK4 dynamics, one cut episode per epoch"),
        new("lqr-sb3", "LQR-v0", "sb3",
            Presets.Sb3 with { StepsPerEpoch = 400, NumEnvs = 2, HiddenSizes = Small },
            1, 2, "Gaussian policy on an unbounded action box, sb3 preset: two environments, truncation at the 100-step horizon"),
        new("lqr-spinningup", "LQR-v0", "spinningup",
            Presets.SpinningUp with { StepsPerEpoch = 300, HiddenSizes = Small, TrainVIters = 3 },
            0, 2, "the default double integrator: quadratic costs in the thousands under the initial policy, truncations and a cut episode"),
        new("mountaincar-sb3", "MountainCar-v0", "sb3",
            Presets.Sb3 with { StepsPerEpoch = 512, NumEnvs = 2, HiddenSizes = Small },
            0, 2, "three discrete actions, sb3 preset: two environments, truncations at 200 steps"),
        new("mountaincar-spinningup", "MountainCar-v0", "spinningup",
            Presets.SpinningUp with { StepsPerEpoch = 256, HiddenSizes = Small, TrainVIters = 5 },
            0, 2, "three discrete actions, spinningup preset: a truncation at 200 steps inside the batch"),
        new("mountaincar-zoo", "MountainCar-v0", "zoo",
            ZooPreset.For("MountainCar-v0")!.Options with { StepsPerEpoch = 512, HiddenSizes = Small },
            0, 2, "three discrete actions, zoo preset: observation and reward normalisation, truncations at 200 steps"),
        new("mountaincarcontinuous-sb3", "MountainCarContinuous-v0", "sb3",
            Presets.Sb3 with { StepsPerEpoch = 512, NumEnvs = 2, HiddenSizes = Small },
            0, 2, "Gaussian policy with a one-dimensional force, sb3 preset: two environments, float32 state"),
        new("mountaincarcontinuous-spinningup", "MountainCarContinuous-v0", "spinningup",
            Presets.SpinningUp with { StepsPerEpoch = 256, HiddenSizes = Small, TrainVIters = 5 },
            0, 2, "Gaussian policy with a one-dimensional force, spinningup preset: unclipped actions, full-batch critic"),
        new("mountaincarcontinuous-zoo", "MountainCarContinuous-v0", "zoo",
            ZooPreset.For("MountainCarContinuous-v0")!.Options with { StepsPerEpoch = 512, HiddenSizes = Small },
            0, 2, "gSDE policy with clipped actions, zoo preset: observation and reward normalisation across the float32 state, two environments"),
        new("pendulum-gsde", "Pendulum-v1", "sb3",
            Presets.Sb3 with { StepsPerEpoch = 512, NumEnvs = 2, HiddenSizes = Small, UseSde = true, SdeSampleFreq = 4 },
            0, 2, "gSDE (use_sde, sde_sample_freq 4 as the zoo's Pendulum-v1), sb3 preset: state-dependent variance, per-env exploration matrices"),
        new("pendulum-sb3", "Pendulum-v1", "sb3",
            Presets.Sb3 with { StepsPerEpoch = 512, NumEnvs = 2, HiddenSizes = Small },
            1, 2, "Gaussian policy, sb3 preset: two environments, truncation at 200 steps"),
        new("pendulum-spinningup", "Pendulum-v1", "spinningup",
            Presets.SpinningUp with { StepsPerEpoch = 1024, HiddenSizes = Small, TrainVIters = 3 },
            0, 2, "Gaussian policy, spinningup preset: truncations, 1024 rows so batch work spans four parallel chunks"),
        new("pendulum-zoo", "Pendulum-v1", "zoo",
            ZooPreset.For("Pendulum-v1")!.Options with { StepsPerEpoch = 512, HiddenSizes = Small },
            0, 2, "gSDE policy with clipped actions, zoo preset: gamma 0.9, 15 critic epochs, no normalisation"),
        new("reacher2d-sb3", "Reacher2D-v0", "sb3",
            Presets.Sb3 with { StepsPerEpoch = 400, NumEnvs = 2, HiddenSizes = Small },
            1, 2, "two-dimensional actions, sb3 preset: two environments, truncation every 50 steps"),
        new("reacher2d-spinningup", "Reacher2D-v0", "spinningup",
            Presets.SpinningUp with { StepsPerEpoch = 300, HiddenSizes = Small, TrainVIters = 3 },
            0, 2, "two-link arm dynamics, random targets, six truncated episodes per epoch"),
    ];

    /// <summary>The scenario called <paramref name="name"/>, or null.</summary>
    public static GoldenScenario? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}
