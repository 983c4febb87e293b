using Trpo.Cli;

namespace Trpo.Golden.Tests;

/// <summary><c>trpo golden verify / accept / list</c> in-process, against a temporary copy of the goldens.</summary>
public class GoldenCommandTests : IDisposable
{
    private readonly string _golden = RepositoryPaths.CopyOfGolden();

    public void Dispose() => Directory.Delete(_golden, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        int code = await CliApp.RunAsync(args, o, e, new Dictionary<string, string?>());
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task Verify_ExitsZero_WhenEveryTraceMatches()
    {
        var (code, stdout, _) = await Run("golden", "verify", "--dir", _golden);
        Assert.Equal(0, code);
        Assert.Contains($"{Trpo.Core.Tracing.GoldenScenarios.All.Count} of {Trpo.Core.Tracing.GoldenScenarios.All.Count} golden traces match", stdout);
    }

    [Fact]
    public async Task Verify_ExitsOne_WithTheFirstDivergence_ThenAcceptRestoresAMatch()
    {
        // corrupt one value of the golden: the report must name it
        string path = Path.Combine(_golden, "cartpole-spinningup", "trace.txt");
        var lines = File.ReadAllLines(path);
        int header = Array.IndexOf(lines, "entropy 1");
        string original = lines[header + 1];
        lines[header + 1] = "0.5";
        File.WriteAllText(path, string.Join("\n", lines) + "\n");

        var (code, stdout, _) = await Run("golden", "verify", "cartpole-spinningup", "--dir", _golden);
        Assert.Equal(1, code);
        Assert.Contains("MISMATCH  cartpole-spinningup: first divergence at epoch 1, entropy[0]: expected 0.5, actual " + original, stdout);
        Assert.True(File.Exists(Path.Combine(_golden, "cartpole-spinningup", "trace.received.txt")));

        var (acceptCode, acceptOut, _) = await Run("golden", "accept", "cartpole-spinningup", "--dir", _golden);
        Assert.Equal(0, acceptCode);
        Assert.Contains("accepted  cartpole-spinningup", acceptOut);
        Assert.Equal(0, (await Run("golden", "verify", "cartpole-spinningup", "--dir", _golden)).Code);
    }

    [Fact]
    public async Task Verify_ReportsNewAndDanglingFolders()
    {
        Directory.Delete(Path.Combine(_golden, "pendulum-sb3"), recursive: true);
        Directory.CreateDirectory(Path.Combine(_golden, "no-such-scenario"));
        var (code, stdout, _) = await Run("golden", "verify", "--dir", _golden);
        Assert.Equal(1, code);
        Assert.Contains("NEW       pendulum-sb3", stdout);
        Assert.Contains("DANGLING  no-such-scenario", stdout);
    }

    [Fact]
    public async Task UnknownScenario_AndNothingToAccept_AreBadInput()
    {
        var (code, _, stderr) = await Run("golden", "verify", "nope", "--dir", _golden);
        Assert.Equal(2, code);
        Assert.StartsWith("error: unknown golden scenario 'nope'; known: acrobot-sb3, acrobot-spinningup, acrobot-zoo, cartpole-backtracking", stderr);
        var (acceptCode, _, acceptErr) = await Run("golden", "accept", "cartpole-sb3", "--dir", _golden);
        Assert.Equal(2, acceptCode);
        Assert.Contains("nothing to accept for 'cartpole-sb3'", acceptErr);
    }

    [Fact]
    public async Task List_NamesEveryScenario()
    {
        var (code, stdout, _) = await Run("golden", "list");
        Assert.Equal(0, code);
        foreach (var s in Trpo.Core.Tracing.GoldenScenarios.All) Assert.Contains(s.Name, stdout);
    }
}
