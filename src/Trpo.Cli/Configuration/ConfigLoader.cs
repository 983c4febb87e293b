using System.Globalization;
using Microsoft.Extensions.Configuration;
using Trpo.Cli.Errors;
using Trpo.Core.Environments;
using Trpo.Core.Training;

namespace Trpo.Cli.Configuration;

/// <summary>
/// Layers the configuration and binds it. Lowest to highest: the preset's values, the <c>--config</c> JSON file,
/// environment variables <c>TRPO_*</c>, <c>--set key=value</c>, and the flags <c>--env/--seed/--epochs/--preset</c>.
/// Each layer is a Microsoft.Extensions.Configuration provider; the preset is the record the binding starts from.
/// Binding goes through <see cref="OptionKeys"/>, and every problem is a <see cref="UserError"/> of one line.
/// </summary>
public static class ConfigLoader
{
    /// <summary>Prefix of the environment variables that set keys (<c>TRPO_DELTA=0.02</c> sets <c>delta</c>).</summary>
    public const string EnvironmentPrefix = "TRPO_";

    /// <summary>Environment variable naming the source commit recorded in config.json; it is not a configuration key.</summary>
    public const string GitCommitVariable = "TRPO_GIT_COMMIT";

    /// <summary><c>TRPO_*</c> variables that are not configuration keys: the commit and the test-only crash hook (<see cref="Hosting.TestHook"/>).</summary>
    public static IReadOnlyList<string> NonKeyVariables { get; } = [GitCommitVariable, Hosting.TestHook.Variable];

    /// <summary>Builds the layered configuration: the providers as an <see cref="IConfigurationRoot"/> plus a description of each layer.</summary>
    public static (IConfigurationRoot Root, IReadOnlyList<ConfigLayer> Layers) BuildLayers(ConfigRequest request)
    {
        var builder = new ConfigurationBuilder();
        var describers = new List<Func<string, string>>();

        if (request.ConfigFile is { } configFile)
        {
            var fullPath = Path.GetFullPath(configFile, request.WorkingDirectory);
            var bytes = JsonConfigFile.Read(configFile, fullPath);
            builder.AddJsonStream(new MemoryStream(bytes));
            describers.Add(_ => $"config file '{configFile}'");
        }

        var variables = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var variableNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in request.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)
                || NonKeyVariables.Contains(name, StringComparer.OrdinalIgnoreCase))
                continue;
            var key = name[EnvironmentPrefix.Length..].ToLowerInvariant();
            variables[key] = value;
            variableNames[key] = name;
        }
        builder.AddInMemoryCollection(variables);
        describers.Add(key => $"environment variable {variableNames.GetValueOrDefault(key.ToLowerInvariant(), EnvironmentPrefix + key.ToUpperInvariant())}");

        var sets = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var set in request.Sets)
        {
            var equals = set.IndexOf('=');
            if (equals <= 0)
                throw new UserError($"--set expects key=value, got '{set}'");
            sets[set[..equals].Trim().ToLowerInvariant()] = set[(equals + 1)..].Trim();
        }
        builder.AddInMemoryCollection(sets);
        describers.Add(_ => "--set");

        builder.AddInMemoryCollection(request.Flags.ToDictionary(f => f.Key, f => (string?)f.Value));
        describers.Add(key => "--" + key);

        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (FormatException ex)
        {
            // The JSON provider rejects duplicate keys here.
            throw new UserError($"config file '{request.ConfigFile}': {ex.Message.ReplaceLineEndings(" ")}");
        }

        var layers = root.Providers.Zip(describers, (provider, describe) => new ConfigLayer(provider, describe)).ToList();
        return (root, layers);
    }

    /// <summary>Binds and validates the layers into run settings; throws a <see cref="UserError"/> for the first problem.</summary>
    public static RunSettings Bind(IReadOnlyList<ConfigLayer> layers)
    {
        RejectUnknownKeys(layers);

        RawValue? Find(string key) => layers.Reverse().Select(layer => layer.Find(key)).FirstOrDefault(v => v is not null);

        var environmentId = ResolveEnvironment(Find(OptionKeys.Env));
        var (presetName, options) = ResolvePreset(Find(OptionKeys.Preset), environmentId);
        foreach (var key in OptionKeys.Hyperparameters)
            if (Find(key.Name) is { } raw)
                options = key.Apply(options, raw);

        var seed = Find(OptionKeys.Seed) is { } seedValue ? ParseSeed(seedValue) : RunSettings.DefaultSeed;

        var problems = options.Validate();
        if (problems.Count > 0)
            throw new UserError(string.Join("; ", problems));
        if (options.UseSde && EnvironmentRegistry.SpecOf(environmentId).ActionKind != ActionKind.Continuous)
            throw new UserError($"use_sde needs continuous actions; {environmentId} has discrete actions");
        // without epochs, the zoo preset runs the zoo's budget (n_timesteps) at the resolved steps_per_epoch
        var epochs = Find(OptionKeys.Epochs) is { } epochsValue ? ParseEpochs(epochsValue)
            : presetName == ZooPreset.Name ? ZooPreset.For(environmentId)!.Epochs(options.StepsPerEpoch)
            : RunSettings.DefaultEpochs;
        var lqr = LqrKeys.Bind(Find, environmentId);

        return new RunSettings(environmentId, seed, epochs, presetName, options, lqr);
    }

    private static (string Name, TrpoOptions Options) ResolvePreset(RawValue? value, string environmentId)
    {
        if (value is null)
            return (Presets.Default, Presets.Find(Presets.Default)!);
        var name = ValueParsers.Text(value, "a preset name");
        if (!Presets.IsKnown(name))
            throw new UserError($"unknown preset '{name}' (from {value.Source}); known: {string.Join(", ", Presets.Names)}");
        return Presets.For(name, environmentId) is { } options
            ? (name, options)
            : throw new UserError($"preset '{name}' (from {value.Source}) has no settings for {environmentId}; rl-baselines3-zoo's trpo.yml tunes {string.Join(", ", ZooPreset.Environments)}");
    }

    private static string ResolveEnvironment(RawValue? value)
    {
        var known = string.Join(", ", EnvironmentRegistry.Ids);
        if (value is null)
            throw new UserError($"no environment given; pass --env ID (known: {known})");
        var id = ValueParsers.Text(value, "an environment id");
        if (EnvironmentRegistry.Contains(id))
            return id;
        var suggestion = Suggestions.Closest(id, EnvironmentRegistry.Ids);
        var hint = suggestion is null ? "" : $"did you mean '{suggestion}'? ";
        throw new UserError($"unknown environment '{id}' (from {value.Source}); {hint}known: {known}");
    }

    private static void RejectUnknownKeys(IReadOnlyList<ConfigLayer> layers)
    {
        foreach (var layer in layers)
        foreach (var key in layer.Keys)
        {
            if (OptionKeys.IsKnown(key))
                continue;
            var suggestion = Suggestions.Closest(key, OptionKeys.AllNames);
            var hint = suggestion is not null
                ? $"did you mean '{suggestion}'?"
                : $"known keys: {string.Join(", ", OptionKeys.AllNames)}";
            throw new UserError($"unknown key '{key}' (from {layer.SourceOf(key)}); {hint}");
        }
    }

    private static ulong ParseSeed(RawValue value)
    {
        if (value.Scalar is { } text
            && ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            && seed <= RunSettings.MaxSeed)
            return seed;
        throw new UserError($"seed must be an integer in 0..{RunSettings.MaxSeed}, got '{value.Display}' (from {value.Source})");
    }

    private static int ParseEpochs(RawValue value)
    {
        if (value.Scalar is { } text
            && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var epochs)
            && epochs is >= 1 and <= RunSettings.MaxEpochs)
            return epochs;
        throw new UserError($"epochs must be an integer in 1..{RunSettings.MaxEpochs}, got '{value.Display}' (from {value.Source})");
    }
}
