using Trpo.Core.Training;

namespace Trpo.Core.Tests.Training;

public class TrainerTests
{
    private static readonly TrpoOptions Small = Presets.SpinningUp with { StepsPerEpoch = 256, TrainVIters = 5, HiddenSizes = [16, 16] };

    [Theory]
    [InlineData("CartPole-v1", "spinningup")]
    [InlineData("Pendulum-v1", "sb3")]
    public void TwoTrainers_WithTheSameSeed_ProduceBitIdenticalParametersAndReports(string env, string preset)
    {
        var options = Presets.Find(preset)! with { StepsPerEpoch = 512, NumEnvs = 2, HiddenSizes = [16, 16] };
        var a = new Trainer(options, env, 7);
        var b = new Trainer(options, env, 7);
        for (int epoch = 0; epoch < 3; epoch++) Assert.Equal(a.RunEpoch(), b.RunEpoch());
        Assert.Equal(Bits(a.PolicyParameters), Bits(b.PolicyParameters));
        Assert.Equal(Bits(a.ValueParameters), Bits(b.ValueParameters));
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentParameters()
    {
        var a = new Trainer(Small, "CartPole-v1", 1);
        var b = new Trainer(Small, "CartPole-v1", 2);
        Assert.NotEqual(Bits(a.PolicyParameters), Bits(b.PolicyParameters));
    }

    [Fact]
    public void RunEpoch_CountsStepsAndEpochs_AndTakesABoundedStep()
    {
        var t = new Trainer(Small, "CartPole-v1", 3);
        var r1 = t.RunEpoch();
        var r2 = t.RunEpoch();
        Assert.Equal((1, 256L), (r1.Epoch, r1.EnvSteps));
        Assert.Equal((2, 512L), (r2.Epoch, r2.EnvSteps));
        Assert.True(r1.Episodes > 0);
        Assert.InRange(r1.ReturnMin, 1, 500);
        Assert.True(r1.ReturnMin <= r1.ReturnMean && r1.ReturnMean <= r1.ReturnMax);
        // an accepted step satisfies the trust region and improves the surrogate
        Assert.True(r1.AcceptedStepFraction > 0, r1.SkipReason);
        Assert.InRange(r1.Kl, 0, Small.Delta);
        Assert.True(r1.SurrogateImprovement > 0);
        Assert.Equal(Math.Pow(Small.BacktrackCoeff, r1.Backtracks), r1.AcceptedStepFraction, 12);
    }

    [Fact]
    public void RunEpoch_RecordsTheLineSearch_AndAcceptedFractionIsCoeffToTheJ()
    {
        var t = new Trainer(Small with { Delta = 1e-6 }, "CartPole-v1", 4);
        t.RunEpoch();
        var step = t.LastPolicyStep!;
        Assert.NotNull(step.LineSearch);
        var attempts = step.LineSearch!.Attempts;
        for (int j = 0; j < attempts.Count; j++) Assert.Equal(Math.Pow(0.8, j), attempts[j].Fraction, 14);
        Assert.All(attempts.SkipLast(1), a => Assert.False(a.Accepted));
        Assert.Equal(2 * 1e-6 / step.Curvature, step.StepSize * step.StepSize, 10);
    }

    [Fact]
    public void ANonPositiveCurvature_SkipsThePolicyStep_AndLeavesParametersUntouched()
    {
        // A batch of one step normalises its single advantage to 0, so g = 0, x = 0 and xᵀF x = 0 (no damping
        // can help): the guard must skip the step rather than divide by zero.
        var options = Small with { StepsPerEpoch = 1, DampingCoeff = 0.0 };
        var t = new Trainer(options, "CartPole-v1", 5);
        var before = (double[])t.PolicyParameters.Clone();
        var report = t.RunEpoch();
        Assert.Equal(0.0, report.AcceptedStepFraction);
        Assert.NotNull(report.SkipReason);
        Assert.Equal(Bits(before), Bits(t.PolicyParameters));
        Assert.All(t.PolicyParameters, p => Assert.True(double.IsFinite(p)));
    }

    [Fact]
    public void Constructor_RejectsInvalidOptions_QuotingTheValue()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Trainer(Small with { Delta = -0.1 }, "CartPole-v1", 0));
        Assert.Contains("delta must be positive and finite (got -0.1)", ex.Message);
        Assert.Throws<KeyNotFoundException>(() => new Trainer(Small, "NoSuchEnv-v0", 0));
    }

    [Theory]
    [InlineData(-0.01, "lam")]
    [InlineData(1.5, "lam")]
    public void Validate_RejectsLambdaOutsideTheUnitInterval(double lam, string key)
    {
        Assert.Contains((Small with { Lam = lam }).Validate(), m => m.StartsWith(key + " must be in [0, 1]"));
    }

    [Fact]
    public void Validate_AcceptsBothPresets_AndRejectsEmptyHiddenSizesAndBadBatchSplit()
    {
        Assert.Empty(Presets.SpinningUp.Validate());
        Assert.Empty(Presets.Sb3.Validate());
        Assert.Contains((Small with { HiddenSizes = [] }).Validate(), m => m.StartsWith("hidden_sizes must name at least one layer"));
        Assert.Contains((Small with { NumEnvs = 3 }).Validate(), m => m.Contains("must be a multiple of num_envs"));
        Assert.Contains((Small with { StepsPerEpoch = 0 }).Validate(), m => m.StartsWith("steps_per_epoch must be at least 1"));
        Assert.Contains((Small with { Gamma = double.NaN }).Validate(), m => m.StartsWith("gamma must be in [0, 1]"));
    }

    private static long[] Bits(double[] x) => x.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
