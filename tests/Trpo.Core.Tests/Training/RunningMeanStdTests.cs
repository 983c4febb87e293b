using Trpo.Core.State;
using Trpo.Core.Training;

namespace Trpo.Core.Tests.Training;

/// <summary>
/// <see cref="RunningMeanStd"/> against stable-baselines3 2.3.2's <c>common/running_mean_std.py</c> run with Debian's
/// NumPy 1.24.2: the expected values below were printed by it (repr) for the same batches.
/// </summary>
public sealed class RunningMeanStdTests
{
    private static readonly double[][] Batches =
    [
        [0.5, -1.25, 3.0, 0.25, 2.0, -7.5],
        [1.0, 0.1, 0.2, -0.3, 0.7, 1e-3],
        [10.0, -10.0, 0.0, 0.0, 0.0, 0.0],
    ];

    [Fact]
    public void Float64Updates_EqualSb3sRunningMeanStd_BitForBit()
    {
        double[][] means =
        [
            [0.3749812509374531, 0.3749812509374531, -2.2498875056247187],
            [0.36249093772655683, 0.38749031274218143, -1.0747231319217019],
            [1.9083015283078615, -1.4083098615023084, -0.7164880585323578],
        ];
        double[][] variances =
        [
            [0.01568124683611327, 2.6405500033982845, 27.561425041092324],
            [0.2192415540352723, 1.3654633672282237, 15.167087386782482],
            [13.25853694119681, 15.69346872057224, 10.368147003611506],
        ];
        double[] counts = [2.0001, 4.0001, 6.0001];
        var statistics = new RunningMeanStd(3);
        for (int i = 0; i < Batches.Length; i++)
        {
            statistics.UpdateFloat64(Batches[i], 2);
            Assert.Equal(means[i], statistics.Mean.ToArray());
            Assert.Equal(variances[i], statistics.Variance.ToArray());
            Assert.Equal(counts[i], statistics.Count);
        }
    }

    [Fact]
    public void StartsAtMeanZeroVarianceOne_WithCountOneTenThousandth()
    {
        var statistics = new RunningMeanStd(2);
        Assert.Equal([0.0, 0.0], statistics.Mean.ToArray());
        Assert.Equal([1.0, 1.0], statistics.Variance.ToArray());
        Assert.Equal(1e-4, statistics.Count);
    }

    [Fact]
    public void Float32Batches_TakeTheirMomentsInFloat32()
    {
        // three rows whose float32 sum rounds differently from the float64 one
        double[] batch = [(float)0.1, (float)0.2, (float)0.7];
        var single = new RunningMeanStd(1);
        var wide = new RunningMeanStd(1);
        single.UpdateFloat32(batch, 3);
        wide.UpdateFloat64(batch, 3);
        float mean32 = ((float)0.1 + (float)0.2 + (float)0.7) / 3f;
        Assert.Equal(0.0 + (mean32 - 0.0) * 3 / (1e-4 + 3), single.Mean[0]);
        Assert.NotEqual(single.Mean[0], wide.Mean[0]);
    }

    [Fact]
    public void PairwiseSum_IsNumPysSummationOrder()
    {
        // np.sum(np.array([1.0 / (i + 1) for i in range(300)])) with NumPy 1.24.2; a plain left-to-right loop gives 6.282663880299502
        double[] harmonic = [.. Enumerable.Range(0, 300).Select(i => 1.0 / (i + 1))];
        Assert.Equal(6.282663880299504, RunningMeanStd.PairwiseSum(harmonic));
        double sequential = 0;
        foreach (double v in harmonic) sequential += v;
        Assert.Equal(6.282663880299502, sequential);
        Assert.Equal(6.0, RunningMeanStd.PairwiseSum([1, 2, 3]));
        Assert.Equal(0.0, RunningMeanStd.PairwiseSum([]));
    }

    [Fact]
    public void State_RoundTrips_AndACountThatIsNotPositiveIsRefused()
    {
        var statistics = new RunningMeanStd(3);
        statistics.UpdateFloat64(Batches[0], 2);
        var writer = new StateWriter();
        writer.Part("s", statistics);
        var saved = writer.Build();
        var restored = new RunningMeanStd(3);
        new StateReader(saved).Part("s", restored);
        statistics.UpdateFloat64(Batches[1], 2);
        restored.UpdateFloat64(Batches[1], 2);
        Assert.Equal(statistics.Mean.ToArray(), restored.Mean.ToArray());
        Assert.Equal(statistics.Variance.ToArray(), restored.Variance.ToArray());
        Assert.Equal(statistics.Count, restored.Count);

        var zeroCount = new EngineState(saved.Entries.Select(e => e.Key == "s.count" ? StateEntry.Of("s.count", [0.0]) : e));
        Assert.Throws<IncompatibleStateException>(() => new StateReader(zeroCount).Part("s", new RunningMeanStd(3)));
        Assert.Throws<IncompatibleStateException>(() => new StateReader(saved).Part("s", new RunningMeanStd(2)));
        Assert.Throws<ArgumentException>(() => restored.UpdateFloat64([1.0, 2.0], 1));
        Assert.Throws<ArgumentException>(() => restored.UpdateFloat32([], 0));
    }
}
