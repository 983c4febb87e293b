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

        var isArray = children.All(c => int.TryParse(c, out _))
                      && children.All(c => !provider.GetChildKeys([], $"{key}:{c}").Any());
        if (!isArray)
            return new RawValue(key, null, null, SourceOf(key));
        var elements = children
            .Select(int.Parse)
            .Order()
            .Select(i => provider.TryGet($"{key}:{i}", out var element) ? element ?? "" : "")
            .ToList();
        return new RawValue(key, null, elements, SourceOf(key));
    }
}
