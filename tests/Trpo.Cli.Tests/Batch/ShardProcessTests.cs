using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Batch;

/// <summary>
/// The scale-out path end to end with the built CLI: a batch run as N separate shard processes, then merged by
/// <c>trpo aggregate</c>, gives byte for byte what one process running the whole batch gives.
/// </summary>
public sealed class ShardProcessTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static string Scrub(string path)
    {
        var text = File.ReadAllText(path);
        return Path.GetFileName(path) switch
        {
            "progress.csv" => string.Join("\n", text.Split('\n').Select(ProgressCsv.WithoutWallSeconds)),
            "summary.json" => System.Text.RegularExpressions.Regex.Replace(text, "\"wall_seconds\": [^\\n]*", "\"wall_seconds\": X"),
            _ => text,
        };
    }

    private Dictionary<string, string> Files(string folder)
        => Directory.EnumerateFiles(_workspace.PathOf(folder), "*", SearchOption.AllDirectories)
            .Where(f => !RunFolderComparison.IsInCheckpointFolder(f)) // checkpoints record wall time: not outputs
            .ToDictionary(f => Path.GetRelativePath(_workspace.PathOf(folder), f).Replace('\\', '/'), Scrub);

    private async Task<CliResult> Trpo(params string[] args)
    {
        var result = await CliProcess.RunAsync(_workspace.Root, args);
        Assert.True(result.ExitCode == ExitCodes.Ok, $"trpo {string.Join(" ", args)} exited {result.ExitCode}: {result.Out}{result.Error}");
        return result;
    }

    [Fact]
    public async Task Three_concurrent_shard_processes_into_one_shared_folder_merge_to_the_whole_batch_byte_for_byte()
    {
        _workspace.WriteFile("tiny.json", Experiments.Tiny);

        var whole = Trpo("batch", "tiny.json", "--out", "whole", "--parallel", "1");
        var shards = Enumerable.Range(1, 3).Select(i => Trpo("batch", "tiny.json", "--out", "shared", "--shard", $"{i}/3", "--parallel", "1")).ToList();
        await Task.WhenAll([whole, .. shards]);
        Assert.Contains("batch 'tiny' shard 2/3: 3 of 8 runs", (await shards[1]).Out);
        await Trpo("aggregate", "whole");
        await Trpo("aggregate", "shared");

        var expected = Files("whole");
        var actual = Files("shared");
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("aggregate.csv", expected.Keys);
        Assert.Contains("final.csv", expected.Keys);
        foreach (var (file, text) in expected)
            Assert.True(text == actual[file], $"{file} differs between the sharded and the whole batch");
    }

    [Fact]
    public async Task Shards_written_to_separate_folders_merge_with_aggregate_into_the_whole_batch_result()
    {
        _workspace.WriteFile("tiny.json", Experiments.Tiny);

        await Task.WhenAll(
            Trpo("batch", "tiny.json", "--out", "whole", "--parallel", "2"),
            Trpo("batch", "tiny.json", "--out", "s1", "--shard", "1/2", "--parallel", "1"),
            Trpo("batch", "tiny.json", "--out", "s2", "--shard", "2/2", "--parallel", "1"));
        await Trpo("aggregate", "whole");
        var merged = await Trpo("aggregate", "s1", "s2", "--out", "merged");

        Assert.Contains("8 of 8 runs completed", merged.Out);
        var plots = Directory.GetFiles(_workspace.PathOf("whole"), "*.svg").Select(Path.GetFileName).ToList();
        Assert.Equal(5, plots.Count); // learning curves and diagnostics of both envs, sweep_lam
        foreach (var file in new[] { "aggregate.csv", "final.csv" }.Concat(plots))
            Assert.Equal(_workspace.ReadFile($"whole/{file}"), _workspace.ReadFile($"merged/{file}"));
        Assert.Contains("href=\"../s2/CartPole-v1__lam0.9__seed1/index.html\"", _workspace.ReadFile("merged/index.html"));
    }
}
