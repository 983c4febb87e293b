using System.Text.Json.Nodes;
using Trpo.Cli.Configuration;

namespace Trpo.Cli.Plotting;

/// <summary>
/// Groups runs by configuration: two runs belong together when their config.json files are equal once
/// <c>seed</c>, <c>git_commit</c> and <c>tool_version</c> are removed. A run without config.json is a group of its
/// own. Groups keep the order in which their first run was given; runs in a group are ordered by seed.
/// Each group is labelled with the keys whose values differ between the groups (environment and preset first,
/// then alphabetical; at most <see cref="MaxLabelKeys"/>, then "+N more").
/// </summary>
public static class RunGrouping
{
    /// <summary>Keys that do not make a configuration different.</summary>
    public static IReadOnlyList<string> IgnoredKeys { get; } = [OptionKeys.Seed, OptionKeys.GitCommit, OptionKeys.ToolVersion];

    /// <summary>Most differing keys named in a label.</summary>
    public const int MaxLabelKeys = 4;

    /// <summary>Groups <paramref name="runs"/>.</summary>
    public static IReadOnlyList<RunGroup> Group(IReadOnlyList<RunRecord> runs)
    {
        var order = new List<string>();
        var members = new Dictionary<string, List<RunRecord>>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            string key = Key(run);
            if (!members.TryGetValue(key, out var list))
            {
                members[key] = list = [];
                order.Add(key);
            }
            list.Add(run);
        }

        var settings = order.Select(k => Settings(members[k][0])).ToList();
        var differing = settings.Where(s => s is not null).SelectMany(s => s!.Keys).Distinct(StringComparer.Ordinal)
            .Where(k => settings.Where(s => s is not null).Select(s => s!.GetValueOrDefault(k, "(none)")).Distinct(StringComparer.Ordinal).Count() > 1)
            .OrderBy(k => k == OptionKeys.Env ? 0 : k == OptionKeys.Preset ? 1 : 2).ThenBy(k => k, StringComparer.Ordinal)
            .ToList();

        return order.Select((key, i) =>
        {
            var sorted = members[key].OrderBy(r => r.Seed ?? long.MaxValue).ThenBy(r => r.Path, StringComparer.Ordinal).ToList();
            return new RunGroup(sorted, settings[i] is { } s ? Label(s, differing) : "");
        }).ToList();
    }

    private static string Label(IReadOnlyDictionary<string, string> settings, IReadOnlyList<string> differing)
    {
        var parts = differing.Take(MaxLabelKeys).Select(k => $"{k}={settings.GetValueOrDefault(k, "(none)")}").ToList();
        if (differing.Count > MaxLabelKeys) parts.Add($"+{differing.Count - MaxLabelKeys} more");
        return string.Join(", ", parts);
    }

    private static string Key(RunRecord run)
        => Settings(run) is { } settings
            ? string.Join("\n", settings.Select(p => p.Key + "=" + p.Value))
            : "folder:" + run.Path;

    /// <summary>config.json minus the ignored keys, as key → value text, keys sorted; null without config.json.</summary>
    private static SortedDictionary<string, string>? Settings(RunRecord run)
    {
        if (run.Config is not JsonObject config) return null;
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in config)
            if (!IgnoredKeys.Contains(key)) settings[key] = RunRecord.Describe(value);
        return settings;
    }
}
