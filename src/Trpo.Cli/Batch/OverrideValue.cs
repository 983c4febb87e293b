using Trpo.Cli.Configuration;

namespace Trpo.Cli.Batch;

/// <summary>
/// One configuration value as an experiment file writes it, before parsing: a scalar's text, a list's element
/// texts (e.g. <c>hidden_sizes: [32, 32]</c>) or a matrix's rows (<see cref="Rows"/>, e.g. <c>lqr_a: [[1, 0.1], [0, 1]]</c>).
/// It becomes a <see cref="RawValue"/> of a configuration layer.
/// </summary>
/// <param name="Scalar">The scalar text, or null for a list or a matrix.</param>
/// <param name="Elements">The list's element texts, or null for a scalar or a matrix.</param>
/// <param name="Where">Where it is in the file, e.g. <c>grid.lam[1]</c>.</param>
public sealed record OverrideValue(string? Scalar, IReadOnlyList<string>? Elements, string Where)
{
    /// <summary>A matrix's rows of element texts, or null for a scalar or a list.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? Rows { get; init; }

    /// <summary>As a raw configuration value of <paramref name="key"/> from <paramref name="source"/>.</summary>
    public RawValue ToRaw(string key, string source) => new(key, Scalar, Elements, source) { Rows = Rows };

    /// <summary>The entries of an in-memory configuration provider that hold this value under <paramref name="key"/>.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ProviderEntries(string key)
    {
        if (Rows is not null)
        {
            for (var i = 0; i < Rows.Count; i++)
                for (var j = 0; j < Rows[i].Count; j++)
                    yield return new($"{key}:{i}:{j}", Rows[i][j]);
            yield break;
        }
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
