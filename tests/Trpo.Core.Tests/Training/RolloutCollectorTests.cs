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
}
