using Trpo.Cli.Configuration;

namespace Trpo.Cli.Batch;

/// <summary>
/// One configuration value as an experiment file writes it, before parsing: a scalar's text or a list's element
/// texts (e.g. <c>hidden_sizes: [32, 32]</c>). It becomes a <see cref="RawValue"/> of a configuration layer.
/// </summary>
/// <param name="Scalar">The scalar text, or null for a list.</param>
/// <param name="Elements">The list's element texts, or null for a scalar.</param>
/// <param name="Where">Where it is in the file, e.g. <c>grid.lam[1]</c>.</param>
public sealed record OverrideValue(string? Scalar, IReadOnlyList<string>? Elements, string Where)
{
    /// <summary>As a raw configuration value of <paramref name="key"/> from <paramref name="source"/>.</summary>
    public RawValue ToRaw(string key, string source) => new(key, Scalar, Elements, source);

    /// <summary>The entries of an in-memory configuration provider that hold this value under <paramref name="key"/>.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ProviderEntries(string key)
    {
        if (Elements is null)
        {
            yield return new(key, Scalar);
            yield break;
        }
        if (Elements.Count == 0)
            yield return new(key, null); // an empty list, as the JSON provider gives it
        for (var i = 0; i < Elements.Count; i++)
            yield return new($"{key}:{i}", Elements[i]);
    }
}
