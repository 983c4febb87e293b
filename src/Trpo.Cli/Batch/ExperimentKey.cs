using Trpo.Cli.Configuration;
using Trpo.Cli.Output;
using Trpo.Core.Training;

namespace Trpo.Cli.Batch;

/// <summary>
/// A key an experiment file may set in <c>overrides</c> or sweep in <c>grid</c>: a hyperparameter
/// (<see cref="OptionKeys.Hyperparameters"/>) or a key of LQR-v0's system (<see cref="LqrKeys"/>, which a run of any
/// other environment refuses when it is planned). It checks a value's type when the file is read and gives the value
/// as config.json writes it, the form batch.json records and run names are made from.
/// </summary>
/// <param name="Canonical">Parses the value (a <see cref="Errors.UserError"/> when it does not fit the type) and writes it as JSON.</param>
public sealed record ExperimentKey(Func<RawValue, string> Canonical)
{
    /// <summary>Every key an experiment's overrides and grid may set, hyperparameters first.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. OptionKeys.Hyperparameters.Select(k => k.Name), .. LqrKeys.Names];

    /// <summary>The key called <paramref name="name"/> (lower case), or null.</summary>
    public static ExperimentKey? Find(string name)
    {
        if (OptionKeys.Hyperparameters.FirstOrDefault(k => k.Name == name) is { } option)
            return new ExperimentKey(raw => Written(option, raw));
        return LqrKeys.Names.Contains(name) ? new ExperimentKey(raw => LqrKeys.CanonicalJson(name, raw)) : null;
    }

    /// <summary>A hyperparameter's value as config.json writes it once parsed, e.g. <c>0.9</c> for <c>0.90</c>, <c>[32,32]</c> for <c>"32, 32"</c>.</summary>
    private static string Written(OptionKey key, RawValue raw)
    {
        var options = key.Apply(Presets.SpinningUp, raw); // ranges are checked per run, with the run's other values
        return JsonFormat.Compact(writer => key.WriteValue(writer, options));
    }
}
