using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Output;

/// <summary>Run folders are never overwritten by accident, and --out must name a folder.</summary>
public sealed class RunFolderTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Existing_run_folder_without_force_is_rejected_and_left_untouched()
    {
        _workspace.WriteFile("runs/CartPole-v1__spinningup__seed0/config.json", "{ \"mine\": true }");
        _workspace.WriteFile("runs/CartPole-v1__spinningup__seed0/progress.csv", "epoch\n1\n");
        var before = _workspace.Snapshot();

        var result = await _workspace.RunAsync(["train", "--env", "CartPole-v1", .. Workspace.TinyBudget]);

        Assertions.RejectedWith(result,
            "error: run folder 'runs/CartPole-v1__spinningup__seed0' already exists and holds files; pass --resume to continue it, --force to overwrite it or --out DIR to write elsewhere");
        var after = _workspace.Snapshot();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (path, bytes) in before)
            Assert.Equal(bytes, after[path]);
    }

    [Fact]
    public async Task Existing_out_folder_with_a_file_in_a_subfolder_counts_as_existing()
    {
        _workspace.WriteFile("mine/checkpoint/state.bin", "x");

        var result = await _workspace.RunAsync(["train", "--env", "CartPole-v1", "--out", "mine", .. Workspace.TinyBudget]);

        Assertions.RejectedWith(result,
            "error: run folder 'mine' already exists and holds files; pass --resume to continue it, --force to overwrite it or --out DIR to write elsewhere");
    }

    [Fact]
    public async Task Empty_existing_folder_is_used_without_force()
    {
        Directory.CreateDirectory(_workspace.PathOf("empty"));

        var result = await _workspace.RunAsync(["train", "--env", "CartPole-v1", "--out", "empty", .. Workspace.TinyBudget]);

        Assertions.InputAccepted(result);
        Assert.True(File.Exists(_workspace.PathOf("empty/config.json")));
    }

    [Fact]
    public async Task Out_pointing_at_an_existing_file_is_rejected()
    {
        _workspace.WriteFile("notes.txt", "keep me");

        var result = await _workspace.RunAsync(["train", "--env", "CartPole-v1", "--out", "notes.txt", .. Workspace.TinyBudget]);

        Assertions.RejectedWith(result, "error: output path 'notes.txt' is a file, not a folder");
        Assert.Equal("keep me", _workspace.ReadFile("notes.txt"));
    }

    [Fact]
    public async Task Force_replaces_the_known_outputs_and_keeps_other_files()
    {
        _workspace.WriteFile("run/config.json", "{ \"stale\": true }");
        _workspace.WriteFile("run/summary.json", "{ \"stale\": true }");
        _workspace.WriteFile("run/notes.txt", "mine");

        var result = await _workspace.RunAsync(["train", "--env", "CartPole-v1", "--out", "run", "--force", .. Workspace.TinyBudget]);

        Assertions.InputAccepted(result);
        Assert.DoesNotContain("stale", _workspace.ReadFile("run/config.json"));
        Assert.Contains("\"env\": \"CartPole-v1\"", _workspace.ReadFile("run/config.json"));
        Assert.DoesNotContain("stale", _workspace.ReadFile("run/summary.json"));
        Assert.Equal("mine", _workspace.ReadFile("run/notes.txt"));
    }
}
