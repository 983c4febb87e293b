using System.Runtime.Intrinsics;

namespace Trpo.Golden.Tests;

/// <summary>
/// The dense kernels take 512-bit paths where <see cref="Vector512.IsHardwareAccelerated"/> (Trpo.Core.Numerics.Kernels,
/// the *512.cs files), whose every lane does the operations of the 256-bit path in the same order. A CPU without AVX-512
/// must therefore reproduce the goldens bit for bit: checked by running <c>trpo golden verify</c> in a child whose runtime
/// is told the CPU has no AVX-512 (<c>DOTNET_EnableAVX512=0</c>, .NET 10's switch for the AVX-512 F/BW/CD/DQ/VL group; the
/// older <c>DOTNET_EnableAVX512F=0</c> is not read any more and leaves zmm in use), so that Vector512 is not accelerated
/// and the kernels run their 256-bit paths. The JIT listings show which code ran: no zmm register there, zmm in the
/// kernels of the default run.
/// </summary>
public class Avx512IndependenceTests
{
    /// <summary>The kernels whose listing is checked: the 256-bit entry points and their 512-bit blocks.</summary>
    private const string Kernels = "AffineRows AffineFourRows AffineFourRows512 RowTimesMatrix RowTimesMatrix512 AddOuterProducts AddOuterProductsBlock512x32 BackpropTanhGrouped BackpropTanhGrouped512 LaneDot";

    [Fact]
    public void Goldens_MatchBitForBit_WhenTheRuntimeUsesNoAvx512()
    {
        var (code, output, listing) = FmaIndependenceTests.VerifyInChild(new Dictionary<string, string> { ["DOTNET_EnableAVX512"] = "0" }, Kernels);
        Assert.True(code == 0, output);
        Assert.Contains($"{FmaIndependenceTests.ScenarioCount} of {FmaIndependenceTests.ScenarioCount} golden traces match", output);
        // the child ran the 256-bit kernels: fused multiply-adds on ymm, no zmm anywhere in their listing
        Assert.Contains("Kernels:AffineFourRows(", listing);
        Assert.Contains("Kernels:BackpropTanhGrouped(", listing);
        Assert.Contains("vfmadd", listing);
        Assert.DoesNotContain("zmm", listing);
        Assert.DoesNotContain("Kernels:AffineFourRows512", listing);
    }

    [Fact]
    public void TheDefaultRuntime_UsesZmmInTheKernels_WhereVector512IsAccelerated()
    {
        if (!Vector512.IsHardwareAccelerated) return; // nothing to contrast on a CPU without AVX-512: the test above is then this one
        var (code, output, listing) = FmaIndependenceTests.VerifyInChild(new Dictionary<string, string>(), Kernels);
        Assert.True(code == 0, output);
        Assert.Contains("Kernels:AffineFourRows512", listing);
        Assert.Contains("Kernels:BackpropTanhGrouped512", listing);
        Assert.Matches(@"vfmadd\w+\s+zmm", listing);
    }
}
