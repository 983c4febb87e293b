using System.Diagnostics;
using System.Globalization;
using Trpo.Core.Tracing;

namespace Trpo.Golden.Tests;

/// <summary>The rules of design.md that make goldens possible, tested on whole traces.</summary>
public class DeterminismTests
{
    public static TheoryData<string> Scenarios => new(GoldenScenarios.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void TheSameScenarioTwiceInOneProcess_GivesIdenticalBytes(string name)
    {
        var scenario = GoldenScenarios.Find(name)!;
        Assert.Equal(scenario.Run(), scenario.Run());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void WorkerThreads_DoNotChangeABit(int threads)
    {
        // pendulum-spinningup has 1024 rows: four chunks of batch work run in parallel
        var scenario = GoldenScenarios.Find("pendulum-spinningup")!;
        Assert.Equal(scenario.Run(threads: 1), scenario.Run(threads));
    }

    [Fact]
    public void WorkerThreads_DoNotChangeABitOfAGsdeRun()
    {
        // two environment groups draw their own exploration matrices; the batch work runs in parallel chunks
        var scenario = GoldenScenarios.Find("pendulum-gsde")!;
        Assert.Equal(scenario.Run(threads: 1), scenario.Run(threads: 2));
    }

    [Fact]
    public void ACommaDecimalCulture_DoesNotChangeABit()
    {
        var scenario = GoldenScenarios.Find("pendulum-sb3")!;
        string invariant = scenario.Run();
        // de-DE-like number format, built without ICU so the test runs in invariant-globalization mode too
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = comma;
            CultureInfo.CurrentUICulture = comma;
            Assert.Equal("1,5", 1.5.ToString()); // the culture really is in force
            Assert.Equal(invariant, scenario.Run());
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    [Fact]
    public void TwoProcesses_WriteIdenticalTraceFiles_AndTheTraceHoldsNoWallClock()
    {
        string root = Path.Combine(Path.GetTempPath(), "trpo-procs-" + Path.GetRandomFileName());
        try
        {
            string[] run = ["train", "--env", "Pendulum-v1", "--preset", "sb3", "--seed", "5", "--epochs", "2",
                "--set", "steps_per_epoch=512", "--set", "num_envs=2", "--set", "hidden_sizes=8,8", "--trace"];
            RunProcess([.. run, "--out", Path.Combine(root, "a")]);
            RunProcess([.. run, "--out", Path.Combine(root, "b"), "--threads", "2"]);
            byte[] a = File.ReadAllBytes(Path.Combine(root, "a", "trace.txt"));
            byte[] b = File.ReadAllBytes(Path.Combine(root, "b", "trace.txt"));
            Assert.True(a.Length > 1000);
            Assert.Equal(a, b);
            // progress.csv differs only in its wall_seconds column
            Assert.Equal(WithoutLastColumn(Path.Combine(root, "a", "progress.csv")), WithoutLastColumn(Path.Combine(root, "b", "progress.csv")));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private static string[] WithoutLastColumn(string csv)
        => File.ReadAllLines(csv).Select(l => l[..l.LastIndexOf(',')]).ToArray();

    private static void RunProcess(string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "trpo.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(cli);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "trpo did not finish in 2 minutes");
        Assert.True(process.ExitCode == 0, $"trpo {string.Join(' ', args)} exited {process.ExitCode}: {stderr}{stdout}");
    }
}
