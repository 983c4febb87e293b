using System.Text.Json;
using Trpo.Core.Training;

namespace Trpo.Cli.Configuration;

/// <summary>
/// One hyperparameter's configuration key: how to parse a raw value and apply it to <see cref="TrpoOptions"/>,
/// and how to write the resolved value to config.json.
/// </summary>
/// <param name="Name">The snake_case key documented on <see cref="TrpoOptions"/>, e.g. <c>delta</c>.</param>
/// <param name="Apply">Parses the value (throwing a user error when it does not fit the type) and returns the updated options.</param>
/// <param name="WriteValue">Writes the key's value in <paramref name="WriteValue"/>'s options as a JSON value.</param>
public sealed record OptionKey(
    string Name,
    Func<TrpoOptions, RawValue, TrpoOptions> Apply,
    Action<Utf8JsonWriter, TrpoOptions> WriteValue);
