using System.Diagnostics;
using System.Runtime.Intrinsics.X86;

namespace Trpo.Golden.Tests;

/// <summary>
/// The dense kernels use fused multiply-adds on purpose (Trpo.Core.Numerics.Kernels). IEEE 754 rounds a fused
/// multiply-add once, whether the CPU computes it or software does, so a CPU without FMA instructions must reproduce
/// the goldens bit for bit. Checked here by running <c>trpo golden verify</c> in a child process whose runtime is told
/// the CPU has neither AVX2 nor FMA (<c>DOTNET_EnableAVX2=0</c>; on .NET 10 <c>DOTNET_EnableFMA=0</c> alone leaves FMA on,
/// as FMA belongs to the AVX2 group): the JIT then emits no FMA instruction and the kernels take their scalar paths,
/// <see cref="Math.FusedMultiplyAdd"/> through the C library, as on a CPU without FMA or without 256-bit vectors.
/// The child's JIT listing of the kernels (<c>DOTNET_JitDisasm</c>) shows which code ran.
/// </summary>
public class FmaIndependenceTests
{
    private static readonly string[] Scenarios = ["cartpole-sb3", "pendulum-sb3"];

    /// <summary>How many golden traces <see cref="VerifyInChild"/> verifies.</summary>
    internal static int ScenarioCount => Scenarios.Length;
    private const string Kernels = "AffineRows AffineFourRows RowTimesMatrix LaneDot";

    /// <summary>Runs <c>trpo golden verify</c> on <see cref="Scenarios"/> in a child with the given runtime settings; returns its exit code, stdout and the JIT listing of <paramref name="kernels"/> (default <see cref="Kernels"/>).</summary>
    internal static (int Code, string Out, string Listing) VerifyInChild(IReadOnlyDictionary<string, string> environment, string kernels = Kernels)
    {
        string golden = RepositoryPaths.CopyOfGolden();
        string listing = Path.Combine(golden, "jit-listing.txt");
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "trpo.dll"));
            foreach (var arg in (string[])["golden", "verify", .. Scenarios, "--dir", golden]) start.ArgumentList.Add(arg);
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("TRPO_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_Enable", StringComparison.OrdinalIgnoreCase)).ToList())
                start.Environment.Remove(name);
            start.Environment["DOTNET_JitDisasm"] = kernels;
            start.Environment["DOTNET_JitStdOutFile"] = listing;
            foreach (var (name, value) in environment) start.Environment[name] = value;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120))) { process.Kill(entireProcessTree: true); throw new TimeoutException("trpo golden verify did not finish"); }
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr.Result, File.Exists(listing) ? File.ReadAllText(listing) : "");
        }
        finally { Directory.Delete(golden, recursive: true); }
    }

    [Fact]
    public void Goldens_MatchBitForBit_WhenTheRuntimeUsesNoFmaInstruction()
    {
        var (code, output, listing) = VerifyInChild(new Dictionary<string, string> { ["DOTNET_EnableAVX2"] = "0", ["DOTNET_EnableFMA"] = "0" });
        Assert.True(code == 0, output);
        Assert.Contains($"{Scenarios.Length} of {Scenarios.Length} golden traces match", output);
        // the child really ran the kernels without FMA instructions, calling Math.FusedMultiplyAdd instead
        Assert.Contains("Kernels:AffineRows", listing);
        Assert.DoesNotContain("vfmadd", listing);
        Assert.Contains("System.Math:FusedMultiplyAdd", listing);
    }

    [Fact]
    public void TheDefaultRuntime_UsesFmaInstructionsInTheKernels_WhereTheCpuHasThem()
    {
        if (!Fma.IsSupported) return; // nothing to contrast on a CPU without FMA: the test above is then this one
        var (code, output, listing) = VerifyInChild(new Dictionary<string, string>());
        Assert.True(code == 0, output);
        Assert.Contains("Kernels:AffineFourRows", listing);
        Assert.Contains("vfmadd", listing);
    }
}
