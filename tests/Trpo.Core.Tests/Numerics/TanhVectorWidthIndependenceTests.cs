using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>
/// DetMath.Tanh gives the same bits whatever vector width the runtime uses: 4 million results (<see cref="TanhHash"/>) hash the
/// same in this process and in child processes (<c>dotnet Trpo.Core.Tests.dll tanh-hash</c>) whose runtime is told the CPU
/// lacks AVX-512 (<c>DOTNET_EnableAVX512=0</c>: the four-lane stages), AVX2 and FMA (<c>DOTNET_EnableAVX2=0</c>: the scalar
/// function with <see cref="Math.FusedMultiplyAdd"/> in software), or every hardware intrinsic. The child's JIT listing shows
/// which code ran. On .NET 10 <c>DOTNET_EnableAVX512F=0</c> does not switch AVX-512 off (Vector512 stays accelerated and the
/// eight-lane path keeps its zmm code); the group variable <c>DOTNET_EnableAVX512</c> does.
/// </summary>
public class TanhVectorWidthIndependenceTests
{
    /// <summary>The hash of this commit's tanh over <see cref="TanhHash.Arguments"/> (any change to tanh's bits changes it).</summary>
    private const ulong FrozenHash = 0x0c7c602036b7afbbUL;

    private static readonly Lazy<ulong> ScalarHashHere = new(() => TanhHash.ScalarHash(TanhHash.Arguments()));

    private const string Methods = "TanhLanes512 TanhExpStage TanhFinalStage";

    /// <summary>Runs the tanh hash in a child with the given runtime settings; returns its output line and the JIT listing of <see cref="Methods"/>.</summary>
    private static (string Line, string Listing) HashInChild(string? variable)
    {
        string listing = Path.Combine(Path.GetTempPath(), $"trpo-tanh-listing-{Environment.ProcessId}-{Guid.NewGuid():N}.txt");
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(typeof(TanhHash).Assembly.Location);
            start.ArgumentList.Add("tanh-hash");
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_Enable", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_Jit", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_PreferredVectorBitWidth", StringComparison.OrdinalIgnoreCase)).ToList())
                start.Environment.Remove(name);
            start.Environment["DOTNET_JitDisasm"] = Methods;
            start.Environment["DOTNET_JitStdOutFile"] = listing;
            if (variable != null) start.Environment[variable] = "0";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120))) { process.Kill(entireProcessTree: true); throw new TimeoutException("tanh-hash did not finish"); }
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"tanh-hash exited with {process.ExitCode}: {stdout.Result}{stderr.Result}");
            return (stdout.Result.Trim(), File.Exists(listing) ? File.ReadAllText(listing) : "");
        }
        finally { File.Delete(listing); }
    }

    private static string HashesOf(ulong hash) => $"scalar={hash:x16} span={hash:x16}";

    [Fact]
    public void SpanAndScalarTanh_HashTheSame_InThisProcess_AsFrozen()
    {
        var x = TanhHash.Arguments();
        Assert.Equal(ScalarHashHere.Value, TanhHash.SpanHash(x));
        Assert.True(ScalarHashHere.Value == FrozenHash, $"tanh's bits changed: hash {ScalarHashHere.Value:x16}, frozen {FrozenHash:x16}");
    }

    [Fact]
    public void TheDefaultRuntime_RunsTheEightLanePath_WhereVector512IsAccelerated()
    {
        var (line, listing) = HashInChild(null);
        Assert.EndsWith(HashesOf(ScalarHashHere.Value), line);
        Assert.StartsWith($"vector512={Vector512.IsHardwareAccelerated} vector256={Vector256.IsHardwareAccelerated}", line);
        if (!Vector512.IsHardwareAccelerated) return; // nothing to contrast: the AVX-512-off child below is then this one
        Assert.Contains("DetMath:TanhLanes512", listing);
        Assert.Contains("zmm", listing);
    }

    [Fact]
    public void WithAvx512SwitchedOff_TheFourLaneStagesGiveTheSameBits()
    {
        var (line, listing) = HashInChild("DOTNET_EnableAVX512");
        Assert.Equal($"vector512=False vector256={Vector256.IsHardwareAccelerated} {HashesOf(ScalarHashHere.Value)}", line);
        Assert.DoesNotContain("zmm", listing);
        if (Vector256.IsHardwareAccelerated)
        {
            Assert.Contains("DetMath:TanhExpStage", listing);
            Assert.Contains("ymm", listing);
        }
    }

    [Theory]
    [InlineData("DOTNET_EnableAVX2")]
    [InlineData("DOTNET_EnableHWIntrinsic")]
    public void WithoutVectorInstructions_TheScalarFunctionGivesTheSameBits(string variable)
    {
        var (line, listing) = HashInChild(variable);
        Assert.Equal($"vector512=False vector256=False {HashesOf(ScalarHashHere.Value)}", line);
        Assert.DoesNotContain("zmm", listing);
        Assert.DoesNotContain("ymm", listing);
    }
}
