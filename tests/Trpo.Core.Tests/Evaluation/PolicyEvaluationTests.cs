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
        => ByHand(env, seed, episodes, (_, _) => action);

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

    /// <summary>Plays the episodes by hand with an action chosen per step by <paramref name="act"/>(step within the episode, observation).</summary>
    private static List<EpisodeOutcome> ByHand(IEnvironment env, ulong seed, int episodes, Func<int, double[], double[]> act)
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
                step = env.Step(act(length, obs), obs);
                total += step.Reward;
                length++;
            } while (!step.Done);
            outcomes.Add(new EpisodeOutcome(total, length, step.Terminated));
        }
        return outcomes;
    }

    [Fact]
    public void A_stochastic_evaluation_samples_every_action_from_its_own_stream_across_the_episodes()
    {
        // θ = 0: both CartPole actions have probability 1/2; the actions come from the stream (seed, EvaluationActions), one draw per step
        var policy = new StochasticPolicy(4, ActionKind.Discrete, 2, [8]);
        var theta = new double[policy.ParameterCount];
        var rng = Rng.ForStream(42, RngPurpose.EvaluationActions);
        var scratch = new double[2];

        var result = PolicyEvaluation.Run(policy, theta, new CartPole(), normalizer: null, seed: 42, episodes: 5, stochastic: true);

        Assert.True(result.Stochastic);
        Assert.Equal(ByHand(new CartPole(), 42, 5, (_, _) => [Categorical.Sample([0.0, 0.0], rng, scratch)]), result.Episodes);
        Assert.NotEqual(PolicyEvaluation.Run(policy, theta, new CartPole(), null, 42, 5).Episodes, result.Episodes);
        Assert.Equal(result.Episodes, PolicyEvaluation.Run(policy, theta, new CartPole(), null, 42, 5, stochastic: true).Episodes);
    }

    [Fact]
    public void Sampled_continuous_actions_are_clipped_to_the_action_space()
    {
        // θ = 0: a ~ N(0, 1), and Pendulum's torque is clipped to [−2, 2], as sb3's predict clips a sampled Box action
        var policy = new StochasticPolicy(3, ActionKind.Continuous, 1, [8]);
        var theta = new double[policy.ParameterCount];
        var rng = Rng.ForStream(7, RngPurpose.EvaluationActions);
        int beyond = 0;

        var result = PolicyEvaluation.Run(policy, theta, new Pendulum(), normalizer: null, seed: 7, episodes: 3, stochastic: true);

        var expected = ByHand(new Pendulum(), 7, 3, (_, _) =>
        {
            var a = new double[1];
            DiagonalGaussian.Sample([0.0], [0.0], rng, a);
            if (Math.Abs(a[0]) > 2) beyond++;
            return [Math.Clamp(a[0], -2.0, 2.0)];
        });
        Assert.Equal(expected, result.Episodes);
        Assert.True(beyond > 0, "no sample left the action space, so clipping was not exercised");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void A_gsde_policy_draws_its_exploration_matrix_at_every_episode_start_and_every_sde_sample_freq_steps(int sdeSampleFrequency)
    {
        var policy = new StochasticPolicy(3, ActionKind.Continuous, 1, [8], stateDependentNoise: true);
        var theta = new double[policy.ParameterCount];
        policy.Initialize(theta, WeightInit.Orthogonal, -1.0, Rng.ForStream(3, RngPurpose.PolicyInit));
        var noise = new ExplorationNoise(1, policy.FeatureSize, policy.ActionSize, sdeSampleFrequency, 5, RngPurpose.EvaluationNoise);
        var workspace = policy.CreateWorkspace(1);
        var spec = new Pendulum().Spec;

        var result = PolicyEvaluation.Run(policy, theta, new Pendulum(), normalizer: null, seed: 5, episodes: 2, stochastic: true, sdeSampleFrequency: sdeSampleFrequency);

        var expected = ByHand(new Pendulum(), 5, 2, (step, obs) =>
        {
            noise.BeforeStep(0, step, policy.LogStd(theta));
            var a = new double[1];
            noise.Act(0, policy.Evaluate(theta, obs, 1, workspace), a);
            return spec.ClipAction(a, new double[1]).ToArray();
        });
        Assert.Equal(expected, result.Episodes);
        Assert.NotEqual(PolicyEvaluation.Run(policy, theta, new Pendulum(), null, 5, 2).Episodes, result.Episodes);
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
