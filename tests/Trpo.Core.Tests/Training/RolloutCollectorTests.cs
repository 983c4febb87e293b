using Trpo.Core.Environments;
using Trpo.Core.Numerics;
using Trpo.Core.Policies;
using Trpo.Core.Training;

namespace Trpo.Core.Tests.Training;

public sealed class RolloutCollectorTests
{
    [Fact]
    public void EnvironmentE_OfARunWithSeedS_StartsFromGymnasiumsResetWithSeedSPlusE()
    {
        var policy = new StochasticPolicy(4, ActionKind.Discrete, 2, [4]);
        var collector = new RolloutCollector(CartPole.Id, 3, 5, policy);
        for (int e = 0; e < 3; e++)
        {
            var reference = new CartPole();
            reference.Reset(NumPyGenerator.FromSeed(5 + (ulong)e), new double[4]);
            Assert.Equal(reference.GetState(), collector.Environments[e].GetState());
        }
    }

    [Fact]
    public void ResetGenerators_ExposeEachEnvironmentsNumPyStream()
    {
        var policy = new StochasticPolicy(3, ActionKind.Continuous, 1, [4]);
        var collector = new RolloutCollector(Pendulum.Id, 2, 9, policy);
        for (int e = 0; e < 2; e++)
        {
            var expected = NumPyGenerator.FromSeed(9 + (ulong)e);
            expected.NextDouble();
            expected.NextDouble(); // Pendulum's first reset draws two uniforms
            Assert.Equal(expected.State, collector.ResetGenerators[e].State);
        }
    }

    private static RolloutBatch CollectTwice(string id, int envs, int threads)
    {
        var spec = EnvironmentRegistry.SpecOf(id);
        var policy = new StochasticPolicy(spec.ObservationSize, spec.ActionKind, spec.ActionSize, [8]);
        var theta = new double[policy.ParameterCount];
        policy.Initialize(theta, WeightInit.Uniform, -0.5, Rng.ForStream(3, RngPurpose.PolicyInit));
        var collector = new RolloutCollector(id, envs, 7, policy, new Workers(threads));
        var batch = new RolloutBatch(envs, 300, spec.ObservationSize, policy.ActionWidth);
        collector.Collect(theta, batch); // the second epoch starts mid-episode
        collector.Collect(theta, batch);
        return batch;
    }

    [Theory]
    [InlineData("CartPole-v1", 5, 2)]
    [InlineData("CartPole-v1", 5, 3)]
    [InlineData("Pendulum-v1", 3, 2)]
    [InlineData("CartPole-v1", 2, 8)]
    public void Collect_OnSeveralThreads_GivesTheLockstepBatchBitForBit(string id, int envs, int threads)
    {
        var expected = CollectTwice(id, envs, 1);
        var actual = CollectTwice(id, envs, threads);
        static IEnumerable<long> Bits(IEnumerable<double> x) => x.Select(BitConverter.DoubleToInt64Bits);
        Assert.Equal(Bits(expected.Observations), Bits(actual.Observations));
        Assert.Equal(Bits(expected.Actions), Bits(actual.Actions));
        Assert.Equal(Bits(expected.Rewards), Bits(actual.Rewards));
        Assert.Equal(expected.Terminated, actual.Terminated);
        Assert.Equal(expected.Truncated, actual.Truncated);
        Assert.Equal(expected.NeedsBootstrap, actual.NeedsBootstrap);
        Assert.Equal(Bits(expected.BootstrapObservations), Bits(actual.BootstrapObservations));
        Assert.NotEmpty(expected.EpisodeReturns);
        Assert.Equal(Bits(expected.EpisodeReturns), Bits(actual.EpisodeReturns));
        Assert.Equal(expected.EpisodeLengths, actual.EpisodeLengths);
    }

    [Fact]
    public void EpisodeEnds_AreListedByStepThenByEnvironment()
    {
        // a near-random policy ends CartPole episodes often; walk the done flags in lockstep order
        var batch = CollectTwice("CartPole-v1", 4, 2);
        var lengths = new List<(int Step, int Env)>();
        for (int t = 0; t < batch.StepsPerEnvironment; t++)
            for (int e = 0; e < 4; e++)
            {
                int row = batch.Row(e, t);
                if (batch.Terminated[row] || batch.Truncated[row]) lengths.Add((t, e));
            }
        Assert.Equal(lengths.Count, batch.EpisodeLengths.Count);
        // every episode that ended after its environment's first end in this batch has a length equal to the gap
        var lastEnd = Enumerable.Repeat(-1, 4).ToArray();
        for (int i = 0; i < lengths.Count; i++)
        {
            var (t, e) = lengths[i];
            if (lastEnd[e] >= 0) Assert.Equal(t - lastEnd[e], batch.EpisodeLengths[i]);
            lastEnd[e] = t;
        }
    }

    /// <summary>
    /// Two rollouts of T = 10 steps with a gSDE policy, then the same actions rebuilt by hand from the batch's observations:
    /// environment e's matrix drawn from stream (seed, ExplorationNoise, e) at steps t with t % freq == 0 (freq ≥ 1) or only
    /// at t = 0 (freq = −1) of every rollout, a = μ + Eᵀ f. Bit-equal actions pin down the cadence.
    /// </summary>
    [Theory]
    [InlineData(-1, 1)]
    [InlineData(4, 1)]
    [InlineData(3, 2)]
    [InlineData(1, 3)]
    public void GsdeMatrices_AreDrawnAtTheStartOfEveryRolloutAndEverySdeSampleFreqSteps(int freq, int threads)
    {
        const int envs = 3, T = 10;
        const ulong seed = 13;
        var spec = EnvironmentRegistry.SpecOf(Pendulum.Id);
        var policy = new StochasticPolicy(spec.ObservationSize, spec.ActionKind, spec.ActionSize, [6], stateDependentNoise: true);
        var theta = new double[policy.ParameterCount];
        policy.Initialize(theta, WeightInit.Orthogonal, -0.5, Rng.ForStream(3, RngPurpose.PolicyInit));
        var collector = new RolloutCollector(Pendulum.Id, envs, seed, policy, new Workers(threads), freq);
        var batch = new RolloutBatch(envs, T, spec.ObservationSize, policy.ActionWidth);
        var streams = Enumerable.Range(0, envs).Select(e => Rng.ForStream(seed, RngPurpose.ExplorationNoise, (ulong)e)).ToArray();
        var matrices = new double[envs][];
        int draws = 0;
        for (int rollout = 0; rollout < 2; rollout++)
        {
            collector.Collect(theta, batch);
            var outputs = policy.Evaluate(theta, batch.Observations, batch.Rows, policy.CreateWorkspace(batch.Rows)).ToArray();
            for (int e = 0; e < envs; e++)
            for (int t = 0; t < T; t++)
            {
                if (t == 0 || (freq > 0 && t % freq == 0))
                {
                    // E_ij = exp(log σ_ij) z_ij, row-major
                    matrices[e] = policy.LogStd(theta).ToArray().Select(w => DetMath.Exp(w) * streams[e].NextGaussian()).ToArray();
                    draws++;
                }
                int row = batch.Row(e, t), w = policy.OutputWidth;
                // noise = Σ_i f_i E_i in order, a = μ + noise
                double noise = 0.0;
                for (int i = 0; i < policy.FeatureSize; i++) noise += outputs[row * w + 1 + i] * matrices[e][i];
                Assert.Equal(BitConverter.DoubleToInt64Bits(outputs[row * w] + noise), BitConverter.DoubleToInt64Bits(batch.Actions[row]));
            }
        }
        Assert.Equal(2 * envs * (freq > 0 ? (T + freq - 1) / freq : 1), draws);
    }

    [Fact]
    public void GsdeActions_ChangeWhenTheMatrixIsRedrawn_AndFollowTheStateBetweenDraws()
    {
        // with sde_sample_freq = −1 one matrix serves the whole rollout: the noise a − μ is then exactly Eᵀ f(s), a linear
        // function of the features, so the noise of two steps with the same features would be equal (smooth exploration);
        // a new rollout draws a new matrix and the noise changes
        var spec = EnvironmentRegistry.SpecOf(Pendulum.Id);
        var policy = new StochasticPolicy(spec.ObservationSize, spec.ActionKind, spec.ActionSize, [6], stateDependentNoise: true);
        var theta = new double[policy.ParameterCount];
        policy.Initialize(theta, WeightInit.Orthogonal, -0.5, Rng.ForStream(3, RngPurpose.PolicyInit));
        var collector = new RolloutCollector(Pendulum.Id, 1, 21, policy, null, -1);
        var batch = new RolloutBatch(1, 5, spec.ObservationSize, 1);
        collector.Collect(theta, batch);
        var first = collector.ExplorationNoise!.Matrix(0).ToArray();
        Assert.Equal(5, collector.ExplorationNoise.StepsSinceDraw(0));
        collector.Collect(theta, batch);
        Assert.NotEqual(first, collector.ExplorationNoise.Matrix(0).ToArray());
    }

    [Fact]
    public void ClipActions_StepsTheEnvironmentWithTheClippedActionAndKeepsTheUnclippedOneInTheBatch()
    {
        // MountainCarContinuous-v0 clips the force itself but charges 0.1 a² on the action it is given: with clip_actions
        // (sb3's np.clip before env.step) the charge is on the clipped action, the dynamics and the stored actions are the same
        var spec = EnvironmentRegistry.SpecOf(MountainCarContinuous.Id);
        RolloutBatch Collect(bool clip)
        {
            var policy = new StochasticPolicy(spec.ObservationSize, spec.ActionKind, spec.ActionSize, [8]);
            var theta = new double[policy.ParameterCount];
            policy.Initialize(theta, WeightInit.Uniform, 0.5, Rng.ForStream(3, RngPurpose.PolicyInit)); // σ ≈ 1.6: many |a| > 1
            var collector = new RolloutCollector(MountainCarContinuous.Id, 2, 5, policy, null, -1, clipActions: clip);
            var batch = new RolloutBatch(2, 200, spec.ObservationSize, 1);
            collector.Collect(theta, batch);
            return batch;
        }
        var plain = Collect(false);
        var clipped = Collect(true);
        Assert.Equal(plain.Observations, clipped.Observations);
        Assert.Equal(plain.Actions, clipped.Actions);
        int outside = 0;
        for (int row = 0; row < plain.Rows; row++)
        {
            double a = plain.Actions[row], bounded = Math.Clamp(a, -1.0, 1.0);
            double goal = plain.Terminated[row] ? 100.0 : 0.0;
            Assert.Equal(goal - a * a * 0.1, plain.Rewards[row], 12);
            Assert.Equal(goal - bounded * bounded * 0.1, clipped.Rewards[row], 12);
            if (Math.Abs(a) > 1) outside++;
        }
        Assert.True(outside > 20, $"only {outside} actions fell outside [-1, 1]");
    }
}
