namespace Trpo.Cli.Batch;

/// <summary>
/// Folder names of batch runs: <c>{env}__{key}{value}_{key}{value}__seed{seed}</c>, swept keys in ordinal order
/// and values as <see cref="GridValue.Token"/>, e.g. <c>CartPole-v1__delta0.02_lam0.9__seed3</c>; without swept
/// keys <c>{env}__seed{seed}</c>. Only letters, digits and <c>. _ - +</c> occur, so names are safe on every file
/// system; they depend on the values, never on where they stand in the file.
/// </summary>
public static class RunNames
{
    /// <summary>The configuration name: the environment and the swept values.</summary>
    public static string Configuration(string environmentId, IReadOnlyList<SweptValue> values)
        => values.Count == 0
            ? environmentId
            : $"{environmentId}__{string.Join("_", values.Select(v => v.Key + v.Value.Token))}";

    /// <summary>The run name: the configuration and the seed.</summary>
    public static string Run(string configuration, ulong seed) => $"{configuration}__seed{seed}";
}
