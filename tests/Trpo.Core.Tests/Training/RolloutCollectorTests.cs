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
}
