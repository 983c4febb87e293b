using System.Globalization;
using Trpo.Cli.Errors;

namespace Trpo.Cli.Batch;

/// <summary>
/// <c>--shard i/N</c>: the i-th of N deterministic shards of a batch, 1-based (1 ≤ i ≤ N), so that Slurm's
/// <c>--array=1-N</c> index is the shard number as it is. Assignment rule: the run at canonical position k
/// (0-based, <see cref="PlannedRun.Index"/>) belongs to shard (k mod N) + 1. Round-robin over the canonical order
/// spreads each configuration's seeds and each environment over the shards, and depends only on the file.
/// </summary>
/// <param name="Index">The shard number, 1..Count.</param>
/// <param name="Count">How many shards the batch is cut into.</param>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>The largest accepted shard count.</summary>
    public const int MaxCount = 100_000;

    /// <summary>The whole batch as one shard.</summary>
    public static ShardSpec Whole { get; } = new(1, 1);

    /// <summary>Parses <c>i/N</c>; a user error unless 1 ≤ i ≤ N ≤ <see cref="MaxCount"/>.</summary>
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count is >= 1 and <= MaxCount
            && index >= 1 && index <= count)
            return new ShardSpec(index, count);
        throw new UserError($"--shard must be i/N with 1 <= i <= N <= {MaxCount}, shards numbered from 1 (got '{text}')");
    }

    /// <summary>The shard a run at canonical position <paramref name="runIndex"/> belongs to.</summary>
    public static int ShardOf(int runIndex, int count) => runIndex % count + 1;

    /// <summary>The runs of this shard, in canonical order.</summary>
    public IReadOnlyList<PlannedRun> Select(IReadOnlyList<PlannedRun> runs)
        => runs.Where(r => ShardOf(r.Index, Count) == Index).ToList();

    /// <summary><c>i/N</c>.</summary>
    public override string ToString() => $"{Index}/{Count}";
}
