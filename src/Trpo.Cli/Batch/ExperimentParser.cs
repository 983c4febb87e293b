using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Trpo.Cli.Configuration;
using Trpo.Cli.Errors;
using Trpo.Core.Environments;
using Trpo.Core.Training;

namespace Trpo.Cli.Batch;

/// <summary>
/// Turns an experiment file's tree into an <see cref="Experiment"/>, checking everything that can be checked
/// without expanding the grid: known keys (with the closest suggestion), types, environment ids, seeds, budgets,
/// and that no axis is empty or lists a value twice. Every problem is one <see cref="UserError"/> line that
/// names the file and where in it the problem is.
/// </summary>
public static partial class ExperimentParser
{
    /// <summary>The top-level keys of an experiment file.</summary>
    public static IReadOnlyList<string> TopLevelKeys { get; } =
        ["name", "description", "preset", "overrides", "environments", "seeds", "grid", "budget", "quick", "reference"];

    private static readonly string[] EnvironmentKeys = ["id", "overrides", "budget"];
    private static readonly string[] BudgetKeys = ["epochs", "env_steps"];
    private static readonly string[] QuickKeys = ["seeds", "overrides", "budget"];
    private static readonly string[] ReferenceKeys = ["source", "note", "results"];
    private static readonly string[] ReferenceResultKeys = ["mean", "std", "budget"];

    /// <summary>Reads and parses the experiment file at <paramref name="fullPath"/>.</summary>
    public static Experiment Load(string displayPath, string fullPath)
        => Parse(ExperimentDocument.Read(displayPath, fullPath), displayPath);

    /// <summary>Parses an experiment from its root object.</summary>
    public static Experiment Parse(JsonObject root, string displayPath)
    {
        var file = new FileContext(displayPath);
        file.RejectUnknown(root, "", TopLevelKeys);

        var name = file.Text(file.Required(root, "", "name"), "name");
        if (!BatchNamePattern().IsMatch(name) || name.Length > 100)
            throw file.Error("name", $"must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit (got '{name}')");

        var preset = root["preset"] is { } presetNode ? file.Text(presetNode, "preset") : null;
        if (preset is not null && !Presets.IsKnown(preset))
            throw file.Error("preset", $"unknown preset '{preset}'; known: {string.Join(", ", Presets.Names)}");

        var overrides = root["overrides"] is { } overridesNode ? file.Overrides(overridesNode, "overrides") : Empty;
        var environments = ParseEnvironments(file, file.Required(root, "", "environments"));
        var seeds = ParseSeeds(file, file.Required(root, "", "seeds"), "seeds");
        var grid = root["grid"] is { } gridNode ? ParseGrid(file, gridNode) : [];
        var budget = root["budget"] is { } budgetNode ? ParseBudget(file, budgetNode, "budget") : null;
        if (budget is null && environments.FirstOrDefault(e => e.Budget is null) is { } unbudgeted)
            throw file.Error("budget", $"is missing: give a budget, e.g. {{\"epochs\": 50}} or {{\"env_steps\": 100000}}, for every environment ({unbudgeted.Id} has none)");

        var quick = root["quick"] is { } quickNode ? ParseQuick(file, quickNode) : null;
        var reference = root["reference"] is { } referenceNode ? ParseReference(file, referenceNode) : null;
        var description = root["description"] is { } descriptionNode ? file.Text(descriptionNode, "description") : null;
        RejectLqrKeysForOtherEnvironments(file, environments, overrides, grid, quick);

        return new Experiment(name, displayPath, preset, overrides, environments, seeds, grid, budget, quick, reference, description);
    }

    private static readonly IReadOnlyDictionary<string, OverrideValue> Empty = new Dictionary<string, OverrideValue>();

    private static IReadOnlyList<ExperimentEnvironment> ParseEnvironments(FileContext file, JsonNode node)
    {
        var items = file.List(node, "environments");
        if (items.Count == 0)
            throw file.Error("environments", "is empty: name at least one environment, e.g. [\"CartPole-v1\"]");
        var environments = new List<ExperimentEnvironment>();
        for (var i = 0; i < items.Count; i++)
        {
            var where = $"environments[{i}]";
            string id;
            IReadOnlyDictionary<string, OverrideValue> overrides = Empty;
            Budget? budget = null;
            if (items[i] is JsonObject entry)
            {
                file.RejectUnknown(entry, where, EnvironmentKeys);
                id = file.Text(file.Required(entry, where, "id"), JsonPath.Join(where, "id"));
                if (entry["overrides"] is { } o) overrides = file.Overrides(o, JsonPath.Join(where, "overrides"));
                if (entry["budget"] is { } b) budget = ParseBudget(file, b, JsonPath.Join(where, "budget"));
            }
            else
                id = file.Text(items[i], where);

            if (!EnvironmentRegistry.Contains(id))
            {
                var suggestion = Suggestions.Closest(id, EnvironmentRegistry.Ids);
                var hint = suggestion is null ? "" : $"did you mean '{suggestion}'? ";
                throw file.Error(where, $"unknown environment '{id}'; {hint}known: {string.Join(", ", EnvironmentRegistry.Ids)}");
            }
            if (environments.Any(e => e.Id == id))
                throw file.Error(where, $"lists environment '{id}' a second time");
            environments.Add(new ExperimentEnvironment(id, overrides, budget));
        }
        return environments.OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    private static IReadOnlyList<ulong> ParseSeeds(FileContext file, JsonNode node, string where)
    {
        var items = file.List(node, where);
        if (items.Count == 0)
            throw file.Error(where, "is empty: list at least one seed, e.g. [0, 1, 2, 3, 4]");
        var seeds = new List<ulong>();
        for (var i = 0; i < items.Count; i++)
        {
            var text = file.Text(items[i], $"{where}[{i}]");
            if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed) || seed > RunSettings.MaxSeed)
                throw file.Error($"{where}[{i}]", $"must be an integer in 0..{RunSettings.MaxSeed} (got '{text}')");
            if (seeds.Contains(seed))
                throw file.Error($"{where}[{i}]", $"lists seed {seed} a second time");
            seeds.Add(seed);
        }
        seeds.Sort();
        return seeds;
    }

    private static IReadOnlyList<GridAxis> ParseGrid(FileContext file, JsonNode node)
    {
        if (node is not JsonObject grid)
            throw file.Error("grid", "must be an object of key: [values], e.g. {\"lam\": [0.9, 0.97]}");
        var axes = new List<GridAxis>();
        foreach (var (rawKey, valuesNode) in grid)
        {
            var key = rawKey.ToLowerInvariant();
            var where = JsonPath.Join("grid", rawKey);
            var experimentKey = file.Key(key, "grid", rawKey);
            var items = file.List(valuesNode, where);
            if (items.Count == 0)
                throw file.Error(where, "is empty: list at least one value (an empty axis leaves no runs)");
            var values = new List<GridValue>();
            for (var i = 0; i < items.Count; i++)
            {
                var valueWhere = $"{where}[{i}]";
                var raw = file.Value(items[i], valueWhere);
                var canonical = experimentKey.Canonical(raw.ToRaw(key, file.Source(valueWhere)));
                if (values.FirstOrDefault(v => v.Canonical == canonical) is { } twin)
                    throw file.Error(valueWhere, $"lists {canonical} a second time (as {twin.Raw.Where}); runs would share a name");
                var isNumber = double.TryParse(canonical, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
                values.Add(new GridValue(raw, canonical, Token(canonical), isNumber ? number : null));
            }
            values.Sort(CompareValues);
            if (axes.Any(a => a.Key == key))
                throw file.Error(where, $"sweeps '{key}' a second time");
            axes.Add(new GridAxis(key, values));
        }
        return axes.OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// An <c>lqr_*</c> key set for every run (top-level or quick overrides, the grid) while the experiment also lists
    /// another environment would fail that environment's runs when they are planned; say so here, with where it belongs.
    /// </summary>
    private static void RejectLqrKeysForOtherEnvironments(FileContext file, IReadOnlyList<ExperimentEnvironment> environments,
        IReadOnlyDictionary<string, OverrideValue> overrides, IReadOnlyList<GridAxis> grid, QuickSection? quick)
    {
        if (environments.FirstOrDefault(e => e.Id != Lqr.Id) is not { } other)
            return;
        var everyRun = overrides.Select(o => (o.Key, o.Value.Where, Grid: false))
            .Concat((quick?.Overrides ?? Empty).Select(o => (o.Key, o.Value.Where, Grid: false)))
            .Concat(grid.Select(a => (a.Key, Where: JsonPath.Join("grid", a.Key), Grid: true)));
        if (everyRun.FirstOrDefault(k => LqrKeys.Names.Contains(k.Key)) is not { Key: not null } stray)
            return;
        var what = stray.Grid ? $"sweeps a key of {Lqr.Id}'s system" : $"is a key of {Lqr.Id}'s system";
        if (environments.All(e => e.Id != Lqr.Id))
            throw file.Error(stray.Where, $"{what}, which the experiment does not list (it lists {string.Join(", ", environments.Select(e => e.Id))})");
        throw file.Error(stray.Where, stray.Grid
            ? $"{what}, but the experiment also lists {other.Id}, whose runs cannot take it: sweep it in an experiment of {Lqr.Id} alone"
            : $"{what}, but the experiment also lists {other.Id}: set it in {Lqr.Id}'s own overrides, {{\"id\": \"{Lqr.Id}\", \"overrides\": {{...}}}}");
    }

    /// <summary>Numbers numerically, anything else by its canonical text (ordinal); numbers first.</summary>
    private static int CompareValues(GridValue a, GridValue b)
        => (a.Number, b.Number) switch
        {
            ({ } x, { } y) => x.CompareTo(y),
            (not null, null) => -1,
            (null, not null) => 1,
            _ => string.CompareOrdinal(a.Canonical, b.Canonical),
        };

    /// <summary>
    /// The canonical text as a run-name token: quotes and brackets dropped, a matrix's rows joined by '_', commas as '-',
    /// other unsafe characters as '-' (<c>[[1,0.1],[0,1]]</c> gives <c>1-0.1_0-1</c>).
    /// </summary>
    public static string Token(string canonical)
    {
        var builder = new StringBuilder();
        foreach (var c in canonical.Replace("],[", "_", StringComparison.Ordinal).Trim('"', '[', ']'))
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+' or '_' ? c : '-');
        return builder.ToString();
    }

    private static Budget ParseBudget(FileContext file, JsonNode node, string where)
    {
        if (node is not JsonObject budget)
            throw file.Error(where, "must be an object: {\"epochs\": N} or {\"env_steps\": N}");
        file.RejectUnknown(budget, where, BudgetKeys);
        var hasEpochs = budget["epochs"] is not null;
        var hasSteps = budget["env_steps"] is not null;
        if (hasEpochs == hasSteps)
            throw file.Error(where, "must give exactly one of epochs or env_steps");
        if (hasEpochs)
        {
            var text = file.Text(budget["epochs"]!, JsonPath.Join(where, "epochs"));
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epochs) && epochs is >= 1 and <= RunSettings.MaxEpochs
                ? new Budget(epochs, null)
                : throw file.Error(JsonPath.Join(where, "epochs"), $"must be an integer in 1..{RunSettings.MaxEpochs} (got '{text}')");
        }
        var stepsText = file.Text(budget["env_steps"]!, JsonPath.Join(where, "env_steps"));
        return long.TryParse(stepsText, NumberStyles.None, CultureInfo.InvariantCulture, out var steps) && steps >= 1
            ? new Budget(null, steps)
            : throw file.Error(JsonPath.Join(where, "env_steps"), $"must be a positive integer (got '{stepsText}')");
    }

    private static QuickSection ParseQuick(FileContext file, JsonNode node)
    {
        if (node is not JsonObject quick)
            throw file.Error("quick", "must be an object: {\"budget\": {...}, \"seeds\": [...], \"overrides\": {...}}");
        file.RejectUnknown(quick, "quick", QuickKeys);
        var seeds = quick["seeds"] is { } s ? ParseSeeds(file, s, "quick.seeds") : null;
        var overrides = quick["overrides"] is { } o ? file.Overrides(o, "quick.overrides") : Empty;
        var budget = ParseBudget(file, file.Required(quick, "quick", "budget"), "quick.budget");
        return new QuickSection(seeds, overrides, budget);
    }

    private static ReferenceResults ParseReference(FileContext file, JsonNode node)
    {
        if (node is not JsonObject reference)
            throw file.Error("reference", "must be an object: {\"source\": ..., \"results\": {env: {mean, std}}}");
        file.RejectUnknown(reference, "reference", ReferenceKeys);
        var source = file.Text(file.Required(reference, "reference", "source"), "reference.source");
        var note = reference["note"] is { } n ? file.Text(n, "reference.note") : null;
        if (file.Required(reference, "reference", "results") is not JsonObject results)
            throw file.Error("reference.results", "must be an object of environment id: {\"mean\": M, \"std\": S}");
        var parsed = new SortedDictionary<string, ReferenceResult>(StringComparer.Ordinal);
        foreach (var (env, entryNode) in results)
        {
            var where = JsonPath.Join("reference.results", env);
            if (entryNode is not JsonObject entry)
                throw file.Error(where, "must be an object: {\"mean\": M, \"std\": S}");
            file.RejectUnknown(entry, where, ReferenceResultKeys);
            parsed[env] = new ReferenceResult(
                file.Number(file.Required(entry, where, "mean"), JsonPath.Join(where, "mean")),
                file.Number(file.Required(entry, where, "std"), JsonPath.Join(where, "std")),
                entry["budget"] is { } b ? file.Text(b, JsonPath.Join(where, "budget")) : null);
        }
        return new ReferenceResults(source, note, parsed);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex BatchNamePattern();

    /// <summary>Reading helpers that know the file, so every message names it.</summary>
    private sealed class FileContext(string displayPath)
    {
        public string Source(string where) => $"experiment '{displayPath}', {where}";

        public UserError Error(string where, string problem) => new($"experiment '{displayPath}': {where} {problem}");

        public JsonNode Required(JsonObject obj, string where, string key)
            => obj[key] ?? throw new UserError($"experiment '{displayPath}': {(where.Length == 0 ? "" : where + " ")}is missing '{key}'");

        public void RejectUnknown(JsonObject obj, string where, IReadOnlyList<string> known)
        {
            foreach (var (key, _) in obj)
            {
                if (known.Contains(key, StringComparer.Ordinal))
                    continue;
                var suggestion = Suggestions.Closest(key, known);
                var hint = suggestion is not null ? $"did you mean '{suggestion}'?" : $"known: {string.Join(", ", known)}";
                throw new UserError($"experiment '{displayPath}': unknown key '{JsonPath.Join(where, key)}'; {hint}");
            }
        }

        public string Text(JsonNode? node, string where)
            => node is null ? throw Error(where, "is null")
                : ScalarText(node) ?? throw Error(where, "must be a single value, not a list or an object");

        public double Number(JsonNode node, string where)
        {
            var text = Text(node, where);
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw Error(where, $"must be a number (got '{text}')");
        }

        public IReadOnlyList<JsonNode?> List(JsonNode? node, string where)
            => node is JsonArray array ? array.ToList() : throw Error(where, "must be a list, e.g. [a, b]");

        public OverrideValue Value(JsonNode? node, string where)
        {
            if (node is JsonArray rows && rows.Count > 0 && rows.All(row => row is JsonArray)) // a matrix: rows of scalars
                return new OverrideValue(null, null, where)
                {
                    Rows = rows.Select((row, i) => (IReadOnlyList<string>)((JsonArray)row!).Select((e, j) => Text(e, $"{where}[{i}][{j}]")).ToList()).ToList(),
                };
            if (node is JsonArray array)
                return new OverrideValue(null, array.Select((e, i) => Text(e, $"{where}[{i}]")).ToList(), where);
            if (node is null)
                throw Error(where, "is null");
            return new OverrideValue(Text(node, where), null, where);
        }

        /// <summary>The experiment key named <paramref name="key"/>, or a user error that suggests the closest or points run-level keys to their section.</summary>
        public ExperimentKey Key(string key, string section, string written)
        {
            if (ExperimentKey.Find(key) is { } found)
                return found;
            var where = JsonPath.Join(section, written);
            var redirect = key switch
            {
                OptionKeys.Env => "environments go in 'environments'",
                OptionKeys.Seed => "seeds go in 'seeds'",
                OptionKeys.Epochs => "the length of runs goes in 'budget', e.g. {\"epochs\": 50}",
                OptionKeys.Preset => "the preset is set once, at the top level ('preset')",
                _ => null,
            };
            if (redirect is not null)
                throw new UserError($"experiment '{displayPath}': {where} cannot be set here: {redirect}");
            var names = ExperimentKey.Names;
            var suggestion = Suggestions.Closest(key, names);
            var hint = suggestion is not null ? $"did you mean '{suggestion}'?" : $"known keys: {string.Join(", ", names)}";
            throw new UserError($"experiment '{displayPath}': unknown key '{where}'; {hint}");
        }

        public IReadOnlyDictionary<string, OverrideValue> Overrides(JsonNode node, string where)
        {
            if (node is not JsonObject obj)
                throw Error(where, "must be an object of key: value, e.g. {\"delta\": 0.02}");
            var result = new SortedDictionary<string, OverrideValue>(StringComparer.Ordinal);
            foreach (var (rawKey, valueNode) in obj)
            {
                var key = rawKey.ToLowerInvariant();
                var experimentKey = Key(key, where, rawKey);
                var keyWhere = JsonPath.Join(where, rawKey);
                var value = Value(valueNode, keyWhere);
                experimentKey.Canonical(value.ToRaw(key, Source(keyWhere))); // type check now, ranges (and LQR systems) per run
                if (!result.TryAdd(key, value))
                    throw Error(keyWhere, $"sets '{key}' a second time");
            }
            return result;
        }

        private static string? ScalarText(JsonNode node)
        {
            if (node is not JsonValue value)
                return null;
            return value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.Number => value.ToJsonString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
        }
    }
}
