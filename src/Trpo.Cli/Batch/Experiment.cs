namespace Trpo.Cli.Batch;

/// <summary>
/// A parsed experiment file: a grid of environments × seeds × hyperparameter values over a base preset, with a
/// budget. <see cref="BatchPlan"/> expands it into runs. See the README, "Experiment files".
/// </summary>
/// <param name="Name">The batch's name (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>); the default output folder is <c>runs/{Name}</c>.</param>
/// <param name="DisplayPath">The file's path as the user gave it, for messages.</param>
/// <param name="Preset">The base preset, or null for the default.</param>
/// <param name="Overrides">Keys set for every run (<c>overrides</c>), by key.</param>
/// <param name="Environments">The environments, each with its own overrides and budget when given.</param>
/// <param name="Seeds">The seeds, ascending.</param>
/// <param name="Grid">The swept keys, sorted by name, each with its values in canonical order.</param>
/// <param name="Budget">The budget of every environment that does not set its own, or null.</param>
/// <param name="Quick">The <c>quick</c> section (<c>trpo reproduce --quick</c>), or null.</param>
/// <param name="Reference">Published results to compare with (<c>trpo reproduce</c>), or null.</param>
/// <param name="Description">Free text, or null.</param>
public sealed record Experiment(
    string Name,
    string DisplayPath,
    string? Preset,
    IReadOnlyDictionary<string, OverrideValue> Overrides,
    IReadOnlyList<ExperimentEnvironment> Environments,
    IReadOnlyList<ulong> Seeds,
    IReadOnlyList<GridAxis> Grid,
    Budget? Budget,
    QuickSection? Quick,
    ReferenceResults? Reference,
    string? Description);

/// <summary>One environment of an experiment.</summary>
/// <param name="Id">The environment id, e.g. <c>CartPole-v1</c>.</param>
/// <param name="Overrides">Keys set for this environment's runs (over the experiment's overrides).</param>
/// <param name="Budget">This environment's budget, or null for the experiment's.</param>
public sealed record ExperimentEnvironment(string Id, IReadOnlyDictionary<string, OverrideValue> Overrides, Budget? Budget);

/// <summary>One swept key and its values.</summary>
/// <param name="Key">A hyperparameter key, e.g. <c>lam</c>.</param>
/// <param name="Values">Its values, sorted (numbers numerically, other values by their canonical text).</param>
public sealed record GridAxis(string Key, IReadOnlyList<GridValue> Values);

/// <summary>One value of a swept key.</summary>
/// <param name="Raw">The value as written.</param>
/// <param name="Canonical">The value as config.json writes it after parsing: <c>0.9</c>, <c>[32,32]</c>, <c>"orthogonal"</c>, <c>true</c>.</param>
/// <param name="Token">The value in run names: <see cref="Canonical"/> without quotes or brackets, commas as <c>-</c>, filesystem-safe.</param>
/// <param name="Number">The value as a number when it is one (for ordering and sweep plots), else null.</param>
public sealed record GridValue(OverrideValue Raw, string Canonical, string Token, double? Number);

/// <summary>
/// What <c>trpo reproduce --quick</c> changes: a tiny budget for smoke tests. Its overrides apply over the
/// experiment's and each environment's (grid values still win), its budget replaces every budget.
/// </summary>
/// <param name="Seeds">Seeds to use instead, or null to keep the experiment's.</param>
/// <param name="Overrides">Keys set over every other override.</param>
/// <param name="Budget">The budget of every run.</param>
public sealed record QuickSection(IReadOnlyList<ulong>? Seeds, IReadOnlyDictionary<string, OverrideValue> Overrides, Budget Budget);

/// <summary>Published results to set ours beside (<c>reference</c> section).</summary>
/// <param name="Source">Where the numbers come from (a citation).</param>
/// <param name="Note">How they were measured, stated next to the table.</param>
/// <param name="Results">Mean and std of the published return, by environment id.</param>
public sealed record ReferenceResults(string Source, string? Note, IReadOnlyDictionary<string, ReferenceResult> Results);

/// <summary>One published result.</summary>
/// <param name="Mean">Mean return.</param>
/// <param name="Std">Standard deviation of the return, as published.</param>
/// <param name="Budget">The training budget it was published at, as text (e.g. <c>100k</c>), or null.</param>
public sealed record ReferenceResult(double Mean, double Std, string? Budget);
