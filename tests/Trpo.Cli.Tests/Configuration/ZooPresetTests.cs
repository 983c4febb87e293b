using Trpo.Cli.Configuration;
using Trpo.Cli.Errors;
using Trpo.Core.Training;

namespace Trpo.Cli.Tests.Configuration;

/// <summary>
/// The <c>zoo</c> preset through the configuration layers: rl-baselines3-zoo v2.3.0's hyperparams/trpo.yml rows over
/// sb3-contrib's TRPO defaults, the zoo's n_timesteps as the default epochs, and the other layers still on top.
/// </summary>
public sealed class ZooPresetTests
{
    private static RunSettings Bind(IReadOnlyDictionary<string, string> flags, params string[] sets)
    {
        var (_, layers) = ConfigLoader.BuildLayers(new ConfigRequest(null, new Dictionary<string, string?>(), sets, flags, Directory.GetCurrentDirectory()));
        return ConfigLoader.Bind(layers);
    }

    private static RunSettings Zoo(string env, params string[] sets) => Bind(new Dictionary<string, string> { ["env"] = env, ["preset"] = "zoo" }, sets);

    [Fact]
    public void CartPole_TakesTheZoosTunedRow_AndItsBudgetAsEpochs()
    {
        var settings = Zoo("CartPole-v1");
        var o = settings.Options;
        // n_envs 2, n_steps 512, batch_size 512, cg_damping 1e-3, gae_lambda 0.98, gamma 0.99, learning_rate 1e-3, n_critic_updates 20
        Assert.Equal((2, 1024, 512, 1e-3, 0.98, 0.99, 1e-3, 20), (o.NumEnvs, o.StepsPerEpoch, o.VfBatchSize, o.DampingCoeff, o.Lam, o.Gamma, o.VfLr, o.TrainVIters));
        // sb3-contrib's defaults underneath
        Assert.Equal((15, 1e-5, WeightInit.Orthogonal, 0.0, 0.01), (o.CgIters, o.AdamEps, o.Init, o.LogStdInit, o.Delta));
        Assert.False(o.NormalizeObs || o.NormalizeReward);
        Assert.Equal(98, settings.Epochs); // ceil(1e5 / 1024): sb3 collects whole rollouts until the budget is reached
        Assert.Equal("zoo", settings.Preset);
    }

    [Theory]
    [InlineData("Acrobot-v1", 2048, 10, true, 49)]
    [InlineData("MountainCar-v0", 2048, 20, true, 49)]
    [InlineData("MountainCarContinuous-v0", 4096, 10, true, 13)]
    [InlineData("Pendulum-v1", 2048, 15, false, 49)]
    public void EveryClassicControlEnvironment_HasItsZooRow(string env, int stepsPerEpoch, int criticUpdates, bool normalize, int epochs)
    {
        var settings = Zoo(env);
        Assert.Equal(2, settings.Options.NumEnvs);
        Assert.Equal(stepsPerEpoch, settings.Options.StepsPerEpoch);
        Assert.Equal(criticUpdates, settings.Options.TrainVIters);
        Assert.Equal((normalize, normalize), (settings.Options.NormalizeObs, settings.Options.NormalizeReward));
        Assert.Equal(epochs, settings.Epochs);
        Assert.Equal(env == "Pendulum-v1" ? 0.9 : 0.99, settings.Options.Gamma);
    }

    [Fact]
    public void HigherLayers_StillOverrideTheZoo_AndTheBudgetFollowsTheResolvedEpochSize()
    {
        var settings = Zoo("Acrobot-v1", "normalize_reward=false", "steps_per_epoch=4096");
        Assert.True(settings.Options.NormalizeObs);
        Assert.False(settings.Options.NormalizeReward);
        Assert.Equal(25, settings.Epochs); // ceil(1e5 / 4096)
        var withEpochs = Bind(new Dictionary<string, string> { ["env"] = "Acrobot-v1", ["preset"] = "zoo", ["epochs"] = "3" });
        Assert.Equal(3, withEpochs.Epochs);
    }

    [Fact]
    public void NormalisationKeys_AreCheckedLikeEveryOther()
    {
        var flags = new Dictionary<string, string> { ["env"] = "CartPole-v1" };
        Assert.Equal("clip_obs must be positive and finite (got 0)", Assert.Throws<UserError>(() => Bind(flags, "clip_obs=0")).Message);
        Assert.Equal("clip_reward must be positive and finite (got -1)", Assert.Throws<UserError>(() => Bind(flags, "clip_reward=-1")).Message);
        Assert.Contains("normalize_obs: expected true or false", Assert.Throws<UserError>(() => Bind(flags, "normalize_obs=yes")).Message);
        var on = Bind(flags, "normalize_obs=true", "clip_obs=5");
        Assert.True(on.Options.NormalizeObs);
        Assert.Equal(5.0, on.Options.ClipObs);
    }

    [Fact]
    public void TheZooPresetNames_OnlyTheEnvironmentsTheZooTunes()
    {
        Assert.Equal(["Acrobot-v1", "CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1"], ZooPreset.Environments);
        Assert.Null(Presets.For("zoo", "LunarLander-v2"));
        Assert.Null(Presets.Find("zoo"));
        Assert.True(Presets.IsKnown("zoo"));
        Assert.All(ZooPreset.Environments, env => Assert.Empty(ZooPreset.For(env)!.Omitted));
    }

    [Theory]
    [InlineData("MountainCarContinuous-v0")]
    [InlineData("Pendulum-v1")]
    public void TheContinuousZooRows_ExploreWithGsdeEveryFourSteps_AndClipActionsAsSb3(string env)
    {
        // hyperparams/trpo.yml: use_sde: True, sde_sample_freq: 4; sb3's collect_rollouts clips Box actions before env.step
        var options = ZooPreset.For(env)!.Options;
        Assert.True(options.UseSde);
        Assert.Equal(4, options.SdeSampleFreq);
        Assert.True(options.ClipActions);
        Assert.Equal(0.0, options.LogStdInit); // the MlpPolicy default: every log sigma_ij starts at 0
    }

    [Theory]
    [InlineData("Acrobot-v1")]
    [InlineData("CartPole-v1")]
    [InlineData("MountainCar-v0")]
    public void TheDiscreteZooRows_DoNotUseGsde(string env) => Assert.False(ZooPreset.For(env)!.Options.UseSde);
}
