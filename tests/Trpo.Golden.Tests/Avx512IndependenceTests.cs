using System.Diagnostics;
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

    /// <summary>
    /// The goldens' networks are [16, 16]; the presets' own [64, 64] networks reach the kernels' widest 512-bit blocks
    /// (32 outputs per block, 16 inputs per backprop block). One traced sb3 epoch per environment (CartPole-v1: 4 inputs,
    /// 2 logits; Pendulum-v1: 3 inputs, 1 mean) must be the same file with and without AVX-512.
    /// </summary>
    [Theory]
    [InlineData("CartPole-v1")]
    [InlineData("Pendulum-v1")]
    public void TheTraceOfAnSb3EpochOnItsOwn64By64Network_IsTheSameWithAndWithoutAvx512(string env)
    {
        if (!Vector512.IsHardwareAccelerated) return; // both runs would take the 256-bit paths
        string with = TraceInChild(env, new Dictionary<string, string>());
        string without = TraceInChild(env, new Dictionary<string, string> { ["DOTNET_EnableAVX512"] = "0" });
        Assert.Contains("meta option.hidden_sizes 64,64", with);
        Assert.True(with == without, $"{env}: the trace differs without AVX-512");
    }

    /// <summary>Runs <c>trpo train --env <paramref name="env"/> --preset sb3 --epochs 1 --trace</c> in a child with the given runtime settings; returns trace.txt.</summary>
    private static string TraceInChild(string env, IReadOnlyDictionary<string, string> environment)
    {
        string run = Path.Combine(Path.GetTempPath(), "trpo-avx512-" + Path.GetRandomFileName());
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "trpo.dll"));
            foreach (var arg in (string[])["train", "--env", env, "--preset", "sb3", "--epochs", "1", "--trace", "--out", run]) start.ArgumentList.Add(arg);
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("TRPO_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_Enable", StringComparison.OrdinalIgnoreCase)).ToList())
                start.Environment.Remove(name);
            foreach (var (name, value) in environment) start.Environment[name] = value;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120))) { process.Kill(entireProcessTree: true); throw new TimeoutException("trpo train did not finish"); }
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, stdout.Result + stderr.Result);
            return File.ReadAllText(Path.Combine(run, "trace.txt"));
        }
        finally { if (Directory.Exists(run)) Directory.Delete(run, recursive: true); }
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
