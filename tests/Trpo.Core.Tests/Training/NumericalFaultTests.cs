using Trpo.Core.Environments;
using Trpo.Core.Numerics;
using Trpo.Core.Training;

namespace Trpo.Core.Tests.Training;

/// <summary>A misbehaving environment must never put a non-finite number into the parameters.</summary>
public class NumericalFaultTests
{
    /// <summary>CartPole whose reward turns into <paramref name="bad"/> at one global step.</summary>
    private sealed class FaultyCartPole(int faultStep, double bad) : IEnvironment
    {
        private readonly CartPole _inner = new();
        private int _steps;
        public EnvironmentSpec Spec => _inner.Spec;
        public int ElapsedSteps => _inner.ElapsedSteps;
        public void Reset(IRandomSource random, Span<double> observation) => _inner.Reset(random, observation);
        public StepResult Step(ReadOnlySpan<double> action, Span<double> observation)
        {
            var r = _inner.Step(action, observation);
            return ++_steps == faultStep ? r with { Reward = bad } : r;
        }
        public double[] GetState() => _inner.GetState();
        public void SetState(ReadOnlySpan<double> state, int elapsedSteps) => _inner.SetState(state, elapsedSteps);
        public void Observe(Span<double> observation) => _inner.Observe(observation);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ANonFiniteReward_SkipsThePolicyStepWithAReason_AndKeepsEveryParameterFinite(double bad)
    {
        string id = $"Test/FaultyCartPole-{bad}";
        EnvironmentRegistry.RegisterForTests(id, () => new FaultyCartPole(100, bad));
        var options = Presets.SpinningUp with { StepsPerEpoch = 256, HiddenSizes = [8, 8], TrainVIters = 5 };
        var trainer = new Trainer(options, id, 0);
        var policyBefore = (double[])trainer.PolicyParameters.Clone();
        var report = trainer.RunEpoch();
        Assert.Equal(0.0, report.AcceptedStepFraction);
        const string expected = "non-finite reward from the environment at 1 of 256 steps; non-finite policy gradient; value fit skipped 5 of 5 steps (non-finite gradient)";
        Assert.Equal(expected, report.SkipReason);
        Assert.Equal(expected, report.NumericalFault);
        Assert.Equal(policyBefore, trainer.PolicyParameters);
        Assert.All(trainer.ValueParameters, p => Assert.True(double.IsFinite(p)));
        // the run goes on: the next epoch's batch is clean and the step is taken
        var next = trainer.RunEpoch();
        Assert.True(next.AcceptedStepFraction > 0, next.SkipReason);
        Assert.Null(next.NumericalFault);
    }

    [Fact]
    public void TestEnvironments_AreNotListed()
    {
        EnvironmentRegistry.RegisterForTests("Test/Hidden", () => new CartPole());
        Assert.DoesNotContain("Test/Hidden", EnvironmentRegistry.Ids);
        Assert.True(EnvironmentRegistry.Contains("Test/Hidden"));
    }
}
