using System.Globalization;
using Trpo.Core.State;
using Trpo.Core.Training;

namespace Trpo.Core.Tests.Training;

/// <summary>
/// <see cref="VecNormalizer"/> against stable-baselines3 2.3.2's <c>VecNormalize</c> itself:
/// <c>Training/Fixtures/sb3-2.3.2-vecnormalize.csv</c> holds, for a <c>DummyVecEnv</c> of two CartPole-v1 (γ 0.99,
/// 120 steps) and of two Pendulum-v1 (γ 0.9, 210 steps, one truncation at 200) under seeded random actions, the raw
/// observations, rewards and dones each step returned, the last observation of each ended episode, and what
/// VecNormalize made of them (how it was made:
/// <c>Training/Fixtures/README.md</c>). Fed the same raw data, ours must give the same bits.
/// </summary>
public sealed class VecNormalizerTests
{
    private sealed record Row(string Env, int Step, int Index, double[] RawObservation, double RawReward, bool Done, double[] Observation, double Reward, double[]? RawTerminalObservation, double[]? TerminalObservation);

    private static readonly Lazy<List<Row>> Rows = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Training", "Fixtures", "sb3-2.3.2-vecnormalize.csv");
        static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        static double[] V(string s) => [.. s.Split(' ').Select(D)];
        return [.. File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(f => new Row(
            f[0], int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), V(f[3]),
            f[4].Length == 0 ? double.NaN : D(f[4]), f[5] == "1", V(f[6]), f[7].Length == 0 ? double.NaN : D(f[7]),
            f[8].Length == 0 ? null : V(f[8]), f[9].Length == 0 ? null : V(f[9])))];
    });

    public static TheoryData<string, double> Environments => new() { { "CartPole-v1", 0.99 }, { "Pendulum-v1", 0.9 } };

    [Theory]
    [MemberData(nameof(Environments))]
    public void ObservationsAndRewards_EqualSb3sVecNormalize_BitForBit_AtEveryStep(string env, double gamma)
    {
        var rows = Rows.Value.Where(r => r.Env == env).ToList();
        int size = rows[0].RawObservation.Length, steps = rows.Max(r => r.Step);
        var normalizer = new VecNormalizer(2, size, true, true, 10, 10, gamma);
        Row[] At(int t) => [.. rows.Where(r => r.Step == t).OrderBy(r => r.Index)];
        var start = At(0);
        normalizer.ObserveReset([.. start.SelectMany(r => r.RawObservation)]);
        var output = new double[size];
        foreach (var row in start)
        {
            normalizer.NormalizeObservation(row.RawObservation, output);
            Assert.Equal(row.Observation, output);
        }
        var rewards = new double[2];
        int dones = 0;
        for (int t = 1; t <= steps; t++)
        {
            var step = At(t);
            normalizer.ObserveStep([.. step.SelectMany(r => r.RawObservation)], [.. step.Select(r => r.RawReward)], [.. step.Select(r => r.Done)], rewards);
            foreach (var row in step)
            {
                Assert.True(row.Reward == rewards[row.Index], $"{env} step {t} env {row.Index}: reward {rewards[row.Index]:R}, sb3 {row.Reward:R}");
                normalizer.NormalizeObservation(row.RawObservation, output);
                Assert.Equal(row.Observation, output);
                Assert.Equal(row.Done, row.RawTerminalObservation is not null);
                if (row.RawTerminalObservation is { } terminal)
                {
                    // the last observation of the ended episode, normalised with the statistics after this step
                    dones++;
                    normalizer.NormalizeObservation(terminal, output);
                    Assert.Equal(row.TerminalObservation, output);
                }
            }
        }
        Assert.True(dones > 0, "the fixture has episode ends");
    }

    [Fact]
    public void RewardNormalisation_UsesTheDiscountedReturnNotTheReward()
    {
        // constant reward 1 in one environment: R grows 1, 1.9, 2.71, ...; the scale follows Var(R), not Var(r) = 0
        var normalizer = new VecNormalizer(1, 1, false, true, 10, 10, 0.9);
        normalizer.ObserveReset([0.0]);
        var reward = new double[1];
        for (int t = 0; t < 5; t++) normalizer.ObserveStep([0.0], [1.0], [false], reward);
        Assert.True(normalizer.ReturnStatistics.Variance[0] > 0.1);
        Assert.Equal((double)(float)(1f / (float)Math.Sqrt(normalizer.ReturnStatistics.Variance[0] + 1e-8)), reward[0]);
        Assert.Equal(1 + 0.9 * (1 + 0.9 * (1 + 0.9 * (1 + 0.9))), normalizer.Returns[0], 12);
        normalizer.ObserveStep([0.0], [1.0], [true], reward);
        Assert.Equal(0.0, normalizer.Returns[0]);
    }

    [Fact]
    public void Clipping_BoundsObservationsAndRewards()
    {
        var normalizer = new VecNormalizer(2, 1, true, true, 1.5, 0.25, 0.99);
        normalizer.ObserveReset([1.0, -1.0]);
        var output = new double[1];
        normalizer.NormalizeObservation([1000.0], output);
        Assert.Equal(1.5, output[0]);
        normalizer.NormalizeObservation([-1000.0], output);
        Assert.Equal(-1.5, output[0]);
        var rewards = new double[2];
        normalizer.ObserveStep([0.0, 0.0], [100.0, -100.0], [false, false], rewards);
        Assert.Equal([0.25, -0.25], rewards);
    }

    [Fact]
    public void WhatIsSwitchedOff_PassesThroughUnchanged()
    {
        var normalizer = new VecNormalizer(2, 2, false, false, 10, 10, 0.99);
        normalizer.ObserveReset([5.0, 6.0, 7.0, 8.0]);
        var rewards = new double[2];
        normalizer.ObserveStep([1.0, 2.0, 3.0, 4.0], [3.5, -2.25], [false, true], rewards);
        Assert.Equal([3.5, -2.25], rewards);
        var output = new double[2];
        normalizer.NormalizeObservation([0.123456789, 9.0], output);
        Assert.Equal([0.123456789, 9.0], output);
        Assert.Equal(RunningMeanStd.InitialCount, normalizer.ObservationStatistics.Count);
    }

    [Fact]
    public void State_RoundTrips_SoARestoredNormalizerGoesOnBitForBit()
    {
        var a = new VecNormalizer(2, 2, true, true, 10, 10, 0.9);
        var normalized = new double[2];
        a.ObserveReset([1.0, 2.0, 3.0, 4.0]);
        a.ObserveStep([0.5, 0.5, 1.5, 1.5], [1.0, 2.0], [false, false], normalized);
        var writer = new StateWriter();
        writer.Part("n", a);
        var saved = writer.Build();
        var b = new VecNormalizer(2, 2, true, true, 10, 10, 0.9);
        var reader = new StateReader(saved);
        reader.Part("n", b);
        reader.RequireAllRead();
        var na = new double[2];
        var nb = new double[2];
        a.ObserveStep([0.1, 0.2, 0.3, 0.4], [-1.0, 0.5], [true, false], na);
        b.ObserveStep([0.1, 0.2, 0.3, 0.4], [-1.0, 0.5], [true, false], nb);
        Assert.Equal(na, nb);
        Assert.Equal(a.ObservationStatistics.Mean.ToArray(), b.ObservationStatistics.Mean.ToArray());
        Assert.Equal(a.ObservationStatistics.Variance.ToArray(), b.ObservationStatistics.Variance.ToArray());
        Assert.Equal(a.Returns.ToArray(), b.Returns.ToArray());
        Assert.Equal(new[] { "n.obs.mean", "n.obs.var", "n.obs.count", "n.ret.mean", "n.ret.var", "n.ret.count", "n.returns" }, saved.Entries.Select(e => e.Key));
    }
}
