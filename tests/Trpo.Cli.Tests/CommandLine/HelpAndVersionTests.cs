using Trpo.Cli.Hosting;
using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.CommandLine;

/// <summary><c>--help</c> and <c>--version</c> answer on stdout with exit code 0.</summary>
public sealed class HelpAndVersionTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Root_help_lists_the_commands()
    {
        var result = await _workspace.RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Usage:", result.Out);
        Assert.Contains("trpo [command] [options]", result.Out);
        Assert.Matches(@"(?m)^\s+train\s+Train TRPO", result.Out);
        Assert.Matches(@"(?m)^\s+envs\s+List the built-in environments", result.Out);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Train_help_lists_every_option()
    {
        var result = await _workspace.RunAsync("train", "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (var option in new[] { "--env <ID>", "--seed <N>", "--epochs <N>", "--preset <NAME>", "--config <FILE>", "--set <KEY=VALUE>", "--out <DIR>", "--force", "--resume", "--fail-on-nonfinite", "--verbose" })
            Assert.Contains(option, result.Out);
        Assert.Contains("130 Ctrl+C, 143 SIGTERM", result.Out);
        Assert.False(Directory.Exists(_workspace.PathOf("runs")));
    }

    [Fact]
    public async Task Version_prints_the_informational_version()
    {
        var result = await _workspace.RunAsync("--version");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(ToolInfo.AssemblyVersion + "\n", result.Out.ReplaceLineEndings("\n"));
        Assert.StartsWith("0.1.0", ToolInfo.AssemblyVersion);
    }
}
