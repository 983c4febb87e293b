using Microsoft.Extensions.Configuration;

namespace Trpo.Cli.Configuration;

/// <summary>
/// One layer of the configuration (preset defaults excepted): a configuration provider plus a description of
/// where its values came from, so that messages can say "from --set" or "from config file 'a.json'".
/// </summary>
public sealed class ConfigLayer(IConfigurationProvider provider, Func<string, string> describeSource)
{
    /// <summary>The top-level keys this layer sets, lower case, in provider order.</summary>
    public IReadOnlyList<string> Keys =>
        provider.GetChildKeys([], null).Select(k => k.ToLowerInvariant()).Distinct().ToList();

    /// <summary>Where this layer's value of <paramref name="key"/> came from.</summary>
    public string SourceOf(string key) => describeSource(key);

    /// <summary>This layer's value of <paramref name="key"/>, or null when the layer does not set it.</summary>
    public RawValue? Find(string key)
    {
        var hasScalar = provider.TryGet(key, out var scalar);
        var children = provider.GetChildKeys([], key).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (children.Count == 0)
            // An empty JSON array or a JSON null arrives as a key with a null value.
            return hasScalar ? new RawValue(key, scalar ?? "", null, SourceOf(key)) : null;

        if (!children.All(c => int.TryParse(c, out _)))
            return new RawValue(key, null, null, SourceOf(key));
        if (children.All(c => !provider.GetChildKeys([], $"{key}:{c}").Any()))
            return new RawValue(key, null, Scalars(key, children), SourceOf(key));
        // an array of arrays of scalars (a matrix): every element an array, none deeper
        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in children.Select(int.Parse).Order())
        {
            var path = $"{key}:{row}";
            var cells = provider.GetChildKeys([], path).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (cells.Count == 0 || !cells.All(c => int.TryParse(c, out _))
                || cells.Any(c => provider.GetChildKeys([], $"{path}:{c}").Any()))
                return new RawValue(key, null, null, SourceOf(key));
            rows.Add(Scalars(path, cells));
        }
        return new RawValue(key, null, null, SourceOf(key)) { Rows = rows };
    }

    /// <summary>The scalar elements at <paramref name="path"/>:0, :1, ... in index order.</summary>
    private List<string> Scalars(string path, IEnumerable<string> indices) => indices
        .Select(int.Parse)
        .Order()
        .Select(i => provider.TryGet($"{path}:{i}", out var element) ? element ?? "" : "")
        .ToList();
}
