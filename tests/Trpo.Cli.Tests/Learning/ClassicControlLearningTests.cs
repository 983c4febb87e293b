using Trpo.Cli.Aggregation;
using Trpo.Cli.Commands;
using Trpo.Cli.Configuration;
using Trpo.Core.Training;
using Trpo.TestSupport;
using Xunit.Abstractions;

namespace Trpo.Cli.Tests.Learning;

/// <summary>
/// Issue 5, "Learning": with the documented configuration of each classic-control task (README, "Learning targets")
/// and within rl-baselines3-zoo's budget, three seeds of each must reach: CartPole-v1 ≥ 475, Acrobot-v1 ≥ −100,
/// MountainCar-v0 better than −200 (and the goal reached in at least one training episode), Pendulum-v1 ≥ −250,
/// MountainCarContinuous-v0 ≥ 90. The configuration is the <c>zoo</c> preset (rl-baselines3-zoo v2.3.0
/// hyperparams/trpo.yml, resolved as <c>trpo train --preset zoo</c> resolves it), except CartPole-v1, which runs
/// Spinning Up's defaults (<c>--preset spinningup</c>, 25 epochs of 4000 steps: the zoo's 1e5 steps). The measure is
/// the zoo's (its benchmark.md): the mean return of the final policy's deterministic actions, here over 100 episodes
/// from the reset seed <see cref="EvalCommand.DefaultSeed"/> (<c>trpo eval</c>). The training measure (the batch
/// aggregator's final return over the last 10% of epochs) is printed beside it. Long: skipped unless
/// <c>TRPO_LONG_TESTS=1</c>; results are recorded in the README.
/// </summary>
public sealed class ClassicControlLearningTests(ITestOutputHelper output)
{
    /// <summary>Episodes of the deterministic evaluation.</summary>
    private const int EvaluationEpisodes = EvalCommand.DefaultEpisodes;

    public static TheoryData<string, string, int?, double, ulong> Targets()
    {
        var data = new TheoryData<string, string, int?, double, ulong>();
        var tasks = new (string Env, string Preset, int? Epochs, double Threshold)[]
        {
            ("CartPole-v1", "spinningup", 25, 475.0),
            ("Acrobot-v1", ZooPreset.Name, null, -100.0),
            ("MountainCar-v0", ZooPreset.Name, null, -200.0),
            ("Pendulum-v1", ZooPreset.Name, null, -250.0),
            ("MountainCarContinuous-v0", ZooPreset.Name, null, 90.0),
        };
        foreach (var (env, preset, epochs, threshold) in tasks)
            for (ulong seed = 0; seed < 3; seed++)
                data.Add(env, preset, epochs, threshold, seed);
        return data;
    }

    [LongTheory]
    [Trait("Category", "Long")]
    [MemberData(nameof(Targets))]
    public void The_documented_configuration_reaches_the_target_within_the_zoos_budget(string env, string preset, int? epochs, double threshold, ulong seed)
    {
        var flags = new Dictionary<string, string> { ["env"] = env, ["preset"] = preset, ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (epochs is { } n) flags["epochs"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (_, layers) = ConfigLoader.BuildLayers(new ConfigRequest(null, new Dictionary<string, string?>(), [], flags, Directory.GetCurrentDirectory()));
        var settings = ConfigLoader.Bind(layers);
        var trainer = new Trainer(settings.Options, env, seed, threads: 1);
        var points = new List<EpochPoint>();
        double bestEpisode = double.NegativeInfinity;
        for (int i = 0; i < settings.Epochs; i++)
        {
            var report = trainer.RunEpoch();
            points.Add(new EpochPoint(report.Epoch, report.EnvSteps, report.ReturnMean));
            if (report.Episodes > 0) bestEpisode = Math.Max(bestEpisode, report.ReturnMax);
        }
        // sb3's learn(total_timesteps) collects whole rollouts until the count reaches the budget: the last one may pass it
        Assert.True(trainer.EnvSteps - settings.Options.StepsPerEpoch < ZooBudget(env), $"{env}: {trainer.EnvSteps} steps go past the zoo's budget by more than the last rollout");
        var evaluation = trainer.Evaluate(EvalCommand.DefaultSeed, EvaluationEpisodes);
        double final = evaluation.Returns.Mean;
        double training = FinalReturn.Of(points, FinalReturn.DefaultWindow(points.Count));
        output.WriteLine($"{env} ({preset}) seed {seed}: deterministic evaluation {final:F1} ± {evaluation.Returns.Std:F1} over {EvaluationEpisodes} episodes; " +
            $"training final return {training:F1} over the last {FinalReturn.DefaultWindow(points.Count)} of {points.Count} epochs ({trainer.EnvSteps} steps); best training episode {bestEpisode:F1}");
        if (env == "MountainCar-v0")
        {
            Assert.True(bestEpisode > -200, $"{env} seed {seed}: no episode reached the goal (best return {bestEpisode})");
            Assert.True(final > threshold, $"{env} seed {seed}: evaluation return {final} is not better than {threshold}");
        }
        else
        {
            Assert.True(final >= threshold, $"{env} seed {seed}: evaluation return {final} < {threshold}");
        }
    }

    /// <summary>n_timesteps of rl-baselines3-zoo v2.3.0 hyperparams/trpo.yml.</summary>
    private static long ZooBudget(string env) => env switch
    {
        "CartPole-v1" => 100_000,
        "Acrobot-v1" => 100_000,
        "MountainCar-v0" => 100_000,
        "Pendulum-v1" => 100_000,
        "MountainCarContinuous-v0" => 50_000,
        _ => throw new ArgumentOutOfRangeException(nameof(env)),
    };
}
