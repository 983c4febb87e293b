using Microsoft.Extensions.Configuration.Memory;
using Trpo.Cli.Configuration;
using Trpo.Cli.Errors;

namespace Trpo.Cli.Batch;

/// <summary>
/// An experiment expanded into runs. The order is canonical, so it does not depend on how the file lists
/// things: environments by id (ordinal), then every combination of grid values (keys by name, each key's values
/// sorted, the last key varying fastest), then seeds ascending. Each run's settings are layered like
/// <c>trpo train</c>'s, lowest to highest: the preset, the experiment's <c>overrides</c>, the environment's
/// <c>overrides</c>, the <c>quick</c> overrides (with <c>--quick</c>), the run's grid values, then env, seed and
/// the epochs of the budget. <c>TRPO_*</c> variables are not read: the file alone defines the batch, so every
/// shard on every machine runs the same runs.
/// </summary>
/// <param name="Experiment">The experiment.</param>
/// <param name="Quick">Whether the <c>quick</c> section was applied.</param>
/// <param name="Runs">The runs, in canonical order.</param>
public sealed record BatchPlan(Experiment Experiment, bool Quick, IReadOnlyList<PlannedRun> Runs)
{
    /// <summary>The batch name.</summary>
    public string Name => Experiment.Name;

    /// <summary>The swept keys, sorted.</summary>
    public IReadOnlyList<string> SweptKeys => Experiment.Grid.Select(a => a.Key).ToList();

    /// <summary>Expands <paramref name="experiment"/>; with <paramref name="quick"/> its quick section applies (a user error when it has none).</summary>
    public static BatchPlan Expand(Experiment experiment, bool quick = false)
    {
        var quickSection = quick
            ? experiment.Quick ?? throw new UserError($"experiment '{experiment.DisplayPath}' has no 'quick' section, so --quick has nothing to apply")
            : null;
        var seeds = quickSection?.Seeds ?? experiment.Seeds;
        var runs = new List<PlannedRun>();
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase); // case-insensitive file systems
        foreach (var environment in experiment.Environments)
        foreach (var combination in Combinations(experiment.Grid))
        {
            var configuration = RunNames.Configuration(environment.Id, combination);
            foreach (var seed in seeds)
            {
                var name = RunNames.Run(configuration, seed);
                if (names.TryGetValue(name, out var twin))
                    throw new UserError($"experiment '{experiment.DisplayPath}': duplicate run name '{name}' (also '{twin}'); make the grid values differ in more than letter case");
                names[name] = name;
                var settings = Resolve(experiment, environment, quickSection, combination, seed, name);
                runs.Add(new PlannedRun(runs.Count, name, configuration, combination, settings));
            }
        }
        return new BatchPlan(experiment, quick, runs);
    }

    /// <summary>Every combination of one value per axis, the last axis varying fastest; one empty combination without axes.</summary>
    private static IEnumerable<IReadOnlyList<SweptValue>> Combinations(IReadOnlyList<GridAxis> axes)
    {
        IEnumerable<IReadOnlyList<SweptValue>> combinations = [[]];
        foreach (var axis in axes)
            combinations = combinations.SelectMany(prefix => axis.Values.Select(v => (IReadOnlyList<SweptValue>)[.. prefix, new SweptValue(axis.Key, v)])).ToList();
        return combinations;
    }

    private static RunSettings Resolve(
        Experiment experiment, ExperimentEnvironment environment, QuickSection? quick, IReadOnlyList<SweptValue> values, ulong seed, string name)
    {
        var file = experiment.DisplayPath;
        var layers = new List<ConfigLayer>
        {
            Layer(experiment.Overrides, file),
            Layer(environment.Overrides, file),
        };
        if (quick is not null)
            layers.Add(Layer(quick.Overrides, file));
        layers.Add(Layer(values.ToDictionary(v => v.Key, v => v.Value.Raw), file));

        var runKeys = new Dictionary<string, string?>
        {
            [OptionKeys.Env] = environment.Id,
            [OptionKeys.Seed] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (experiment.Preset is { } preset)
            runKeys[OptionKeys.Preset] = preset;
        layers.Add(new ConfigLayer(new MemoryConfigurationProvider(new MemoryConfigurationSource { InitialData = runKeys }), _ => $"experiment '{file}'"));

        RunSettings settings;
        try
        {
            settings = ConfigLoader.Bind(layers);
        }
        catch (UserError error)
        {
            throw new UserError($"experiment '{file}', run '{name}': {error.Message}");
        }
        var budget = quick?.Budget ?? environment.Budget ?? experiment.Budget!;
        var epochs = budget.EpochsFor(settings.Options.StepsPerEpoch);
        if (epochs > RunSettings.MaxEpochs)
            throw new UserError($"experiment '{file}', run '{name}': a budget of {budget} is {epochs} epochs of {settings.Options.StepsPerEpoch} steps, more than {RunSettings.MaxEpochs}");
        return settings with { Epochs = epochs };
    }

    private static ConfigLayer Layer(IReadOnlyDictionary<string, OverrideValue> values, string file)
    {
        var data = values.SelectMany(v => v.Value.ProviderEntries(v.Key)).ToList();
        var wheres = values.ToDictionary(v => v.Key, v => v.Value.Where, StringComparer.OrdinalIgnoreCase);
        var provider = new MemoryConfigurationProvider(new MemoryConfigurationSource { InitialData = data });
        return new ConfigLayer(provider, key => $"experiment '{file}', {wheres.GetValueOrDefault(key, key)}");
    }
}
