namespace Trpo.Cli.Batch;

/// <summary>Dotted paths into an experiment file for messages: <c>grid.lam[1]</c>, <c>environments[0].budget</c>.</summary>
public static class JsonPath
{
    /// <summary><paramref name="parent"/>.<paramref name="key"/>, or just the key at the root.</summary>
    public static string Join(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";
}
