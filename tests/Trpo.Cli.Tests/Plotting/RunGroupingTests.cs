using System.Text.Json.Nodes;
using Trpo.Cli.Plotting;

namespace Trpo.Cli.Tests.Plotting;

public class RunGroupingTests
{
    internal static RunRecord Run(string name, string? config, ProgressTable? table = null)
        => new($"/runs/{name}", $"runs/{name}", table ?? Tables.With("return_mean", 1, 2), config is null ? null : (JsonObject)JsonNode.Parse(config)!, null);

    private static string Config(int seed, double delta = 0.01, string commit = "abc", double lam = 0.97)
        => $$"""{"delta": {{delta}}, "env": "CartPole-v1", "git_commit": "{{commit}}", "lam": {{lam}}, "preset": "spinningup", "seed": {{seed}}, "tool_version": "0.1.0"}""";

    [Fact]
    public void Runs_differing_only_in_seed_and_metadata_form_one_group_ordered_by_seed()
    {
        var groups = RunGrouping.Group([Run("s2", Config(2)), Run("s0", Config(0, commit: "def")), Run("s1", Config(1))]);
        var group = Assert.Single(groups);
        Assert.Equal(["s0", "s1", "s2"], group.Runs.Select(r => r.Name));
        Assert.Equal("", group.Differences);
        Assert.Equal("CartPole-v1 spinningup", group.Label);
        Assert.Equal("CartPole-v1", group.Env);
    }

    [Fact]
    public void Different_configurations_are_labelled_by_the_keys_that_differ_in_the_order_given()
    {
        var groups = RunGrouping.Group([Run("b0", Config(0, delta: 0.02)), Run("a0", Config(0)), Run("b1", Config(1, delta: 0.02))]);
        Assert.Equal(["delta=0.02", "delta=0.01"], groups.Select(g => g.Label));
        Assert.Equal([2, 1], groups.Select(g => g.Runs.Count));
    }

    [Fact]
    public void Several_differing_keys_are_all_named_up_to_the_limit()
    {
        var groups = RunGrouping.Group([Run("a", Config(0)), Run("b", Config(0, delta: 0.02, lam: 0.9))]);
        Assert.Equal(["delta=0.01, lam=0.97", "delta=0.02, lam=0.9"], groups.Select(g => g.Label));

        string Wide(int v) => $$"""{"a": {{v}}, "b": {{v}}, "c": {{v}}, "d": {{v}}, "e": {{v}}, "preset": "p{{v}}"}""";
        var wide = RunGrouping.Group([Run("x", Wide(1)), Run("y", Wide(2))]);
        Assert.Equal("preset=p1, a=1, b=1, c=1, +2 more", wide[0].Label);
    }

    [Fact]
    public void A_run_without_config_json_is_a_group_of_its_own_named_by_its_folder()
    {
        var groups = RunGrouping.Group([Run("bare", null), Run("s0", Config(0))]);
        Assert.Equal(2, groups.Count);
        Assert.Equal("bare", groups[0].Label);
    }

    [Fact]
    public void Metadata_keys_never_split_a_group()
        => Assert.Equal(["seed", "git_commit", "tool_version"], RunGrouping.IgnoredKeys);
}
