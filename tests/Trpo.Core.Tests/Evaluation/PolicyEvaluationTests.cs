using Trpo.Core.Environments;
using Trpo.Core.Evaluation;
using Trpo.Core.Numerics;
using Trpo.Core.Policies;
using Trpo.Core.Training;

namespace Trpo.Core.Tests.Evaluation;

public class PolicyEvaluationTests
{
    private static readonly TrpoOptions Small = Presets.SpinningUp with { StepsPerEpoch = 256, TrainVIters = 5, HiddenSizes = [16, 16] };

    /// <summary>Plays the episodes by hand: resets from one NumPy generator seeded once, the same action every step.</summary>
    private static List<EpisodeOutcome> ByHand(IEnvironment env, ulong seed, int episodes, double[] action)
    {
        var resets = NumPyGenerator.FromSeed(seed);
        var obs = new double[env.Spec.ObservationSize];
        var outcomes = new List<EpisodeOutcome>();
        for (int k = 0; k < episodes; k++)
        {
            env.Reset(resets, obs);
            double total = 0;
            int length = 0;
            StepResult step;
            do
            {
                step = env.Step(action, obs);
                total += step.Reward;
                length++;
            } while (!step.Done);
            outcomes.Add(new EpisodeOutcome(total, length, step.Terminated));
        }
        return outcomes;
    }

    [Fact]
    public void Episodes_start_from_gymnasiums_seeded_resets_and_follow_the_greedy_action()
    {
        // θ = 0: every logit is 0, so the greedy action is always 0 (push left), and CartPole falls within a few dozen steps
        var policy = new StochasticPolicy(4, ActionKind.Discrete, 2, [8]);
        var theta = new double[policy.ParameterCount];

        var result = PolicyEvaluation.Run(policy, theta, new CartPole(), normalizer: null, seed: 42, episodes: 4);

        Assert.Equal(42UL, result.Seed);
        Assert.Equal(ByHand(new CartPole(), 42, 4, [0.0]), result.Episodes);
        Assert.All(result.Episodes, e => Assert.True(e.Terminated));
        Assert.Equal(result.Episodes.Average(e => e.Return), result.Returns.Mean, 12);
    }

    [Fact]
    public void A_continuous_policy_acts_with_its_mean_and_time_limits_end_its_episodes()
    {
        var policy = new StochasticPolicy(3, ActionKind.Continuous, 1, [8]);
        var theta = new double[policy.ParameterCount]; // mean 0 (log σ = 0 would make sampling noisy; the evaluation never samples)

        var result = PolicyEvaluation.Run(policy, theta, new Pendulum(), normalizer: null, seed: 7, episodes: 3);

        Assert.Equal(ByHand(new Pendulum(), 7, 3, [0.0]), result.Episodes);
        Assert.All(result.Episodes, e => Assert.Equal((200, false), (e.Length, e.Terminated)));
    }

    [Fact]
    public void Another_seed_gives_other_start_states()
    {
        var policy = new StochasticPolicy(3, ActionKind.Continuous, 1, [8]);
        var theta = new double[policy.ParameterCount];
        var a = PolicyEvaluation.Run(policy, theta, new Pendulum(), null, seed: 1, episodes: 2);
        var b = PolicyEvaluation.Run(policy, theta, new Pendulum(), null, seed: 2, episodes: 2);
        Assert.NotEqual(a.Episodes, b.Episodes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void At_least_one_episode_is_required(int episodes)
    {
        var policy = new StochasticPolicy(4, ActionKind.Discrete, 2, [8]);
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyEvaluation.Run(policy, new double[policy.ParameterCount], new CartPole(), null, 0, episodes));
    }

    [Fact]
    public void Evaluating_a_trainer_is_deterministic_and_leaves_its_training_bit_for_bit_unchanged()
    {
        var evaluated = new Trainer(Small, "CartPole-v1", 5);
        var untouched = new Trainer(Small, "CartPole-v1", 5);
        evaluated.RunEpoch();
        untouched.RunEpoch();

        var first = evaluated.Evaluate(1_000_000, 3);
        var second = evaluated.Evaluate(1_000_000, 3);

        Assert.Equal(first.Episodes, second.Episodes);
        Assert.Equal(untouched.RunEpoch(), evaluated.RunEpoch());
        Assert.Equal(untouched.PolicyParameters, evaluated.PolicyParameters);
    }

    [Fact]
    public void Observation_statistics_are_applied_frozen()
    {
        var options = Presets.Sb3 with { StepsPerEpoch = 256, NormalizeObs = true, HiddenSizes = [8] };
        var trainer = new Trainer(options, "Acrobot-v1", 3);
        trainer.RunEpoch();
        var stats = trainer.Normalizer!.ObservationStatistics;
        double[] mean = stats.Mean.ToArray(), variance = stats.Variance.ToArray();
        double count = stats.Count;

        trainer.Evaluate(9, 2);

        Assert.Equal(mean, stats.Mean.ToArray());
        Assert.Equal(variance, stats.Variance.ToArray());
        Assert.Equal(count, stats.Count);
    }

    [Fact]
    public void The_normaliser_changes_what_the_policy_sees()
    {
        var options = Presets.Sb3 with { StepsPerEpoch = 256, NormalizeObs = true, HiddenSizes = [8] };
        var trainer = new Trainer(options, "MountainCar-v0", 3);
        trainer.RunEpoch();
        var raw = PolicyEvaluation.Run(trainer.Policy, trainer.PolicyParameters, new MountainCar(), null, 11, 2);
        var normalised = trainer.Evaluate(11, 2);
        // the same θ acting on raw and on normalised observations: the action sequences (hence lengths or returns) differ
        Assert.NotEqual(raw.Episodes.Select(e => e.Return), normalised.Episodes.Select(e => e.Return));
    }
}
