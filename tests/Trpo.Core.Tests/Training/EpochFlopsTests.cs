using Trpo.Core.Policies;
using Trpo.Core.Training;

namespace Trpo.Core.Tests.Training;

public class EpochFlopsTests
{
    [Fact]
    public void AFisherVectorProduct_ForTheCartPolePolicy_CostsTheHandCountedFlops()
    {
        // [4, 64, 64, 2]: m = 256, 4096, 128, M = 4480; passes 8M − 4m_0 = 34,816; sensitivities 4M + 4 · 2 · 128 = 18,944
        var net = new Mlp(4, [64, 64], 2);
        Assert.Equal(4480, EpochFlops.Weights(net));
        Assert.Equal(34_816, EpochFlops.FisherVectorProduct(net));
        Assert.Equal(18_944, EpochFlops.FisherVectorProductBySensitivities(net));
        // k reverse sweeps through the 64 × 64 layer: 2 · 2 · 4096
        Assert.Equal(16_384, EpochFlops.OutputSensitivities(net));
    }

    [Theory]
    [InlineData(4, new[] { 64, 64 }, 2)]
    [InlineData(3, new[] { 64, 64 }, 1)]
    [InlineData(4, new[] { 64, 64 }, 70)]
    [InlineData(4, new[] { 32 }, 2)]
    [InlineData(5, new[] { 16, 16, 16 }, 5)]
    [InlineData(5, new[] { 8, 8 }, 9)]
    public void TheSensitivityRule_PicksSensitivities_ExactlyWhenAProductCostsFewerFlops(int inputs, int[] hidden, int outputs)
    {
        var net = new Mlp(inputs, hidden, outputs);
        bool cheaper = EpochFlops.FisherVectorProductBySensitivities(net) < EpochFlops.FisherVectorProduct(net);
        Assert.Equal(cheaper, net.FisherBySensitivities(256, cachesActivations: true));
    }

    [Fact]
    public void AnEpoch_BySensitivities_CountsTheirProductsAndTheirPrecomputationOnce()
    {
        var policy = new Mlp(4, [64, 64], 2);
        var value = new Mlp(4, [64, 64], 1);
        long byPasses = EpochFlops.Epoch(policy, value, 2048, 16, 1, 20480, fisherBySensitivities: false);
        long bySensitivities = EpochFlops.Epoch(policy, value, 2048, 16, 1, 20480, fisherBySensitivities: true);
        Assert.Equal(2048L * 16 * (34_816 - 18_944) - 2048L * 16_384, byPasses - bySensitivities);
    }
}
