using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Trpo.Cli.Configuration;
using Trpo.Cli.Output;
using Trpo.Core.Training;

namespace Trpo.Cli.Tests.Configuration;

/// <summary>The key table stays in step with <see cref="TrpoOptions"/>.</summary>
public sealed class OptionKeysTests
{
    [Fact]
    public void Every_TrpoOptions_property_has_a_key_under_the_name_its_documentation_gives()
    {
        // The engine documents each key in brackets at the start of the property's summary: "[train_v_iters] ...".
        var docs = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Trpo.Core.xml"));
        var documented = typeof(TrpoOptions).GetProperties()
            .Where(p => p.CanWrite)
            .Select(p =>
            {
                var summary = docs.Descendants("member")
                    .Single(m => (string?)m.Attribute("name") == $"P:{typeof(TrpoOptions).FullName}.{p.Name}")
                    .Element("summary")!.Value.Trim();
                return Regex.Match(summary, @"^\[([a-z_]+)\]").Groups[1].Value;
            })
            .ToList();

        Assert.DoesNotContain("", documented);
        Assert.Equal(documented.Order(StringComparer.Ordinal), OptionKeys.Hyperparameters.Select(k => k.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("spinningup")]
    [InlineData("sb3")]
    public void Writing_every_key_and_applying_the_text_back_gives_the_same_options(string preset)
    {
        var original = Presets.Find(preset)!;
        var changed = Presets.Find(Presets.Names.First(n => n != preset))!;

        foreach (var key in OptionKeys.Hyperparameters)
        {
            var json = JsonFormat.Build(w => key.WriteValue(w, original)).Trim();
            using var document = JsonDocument.Parse(json);
            var raw = document.RootElement.ValueKind == JsonValueKind.Array
                ? new RawValue(key.Name, null, document.RootElement.EnumerateArray().Select(e => e.ToString()).ToList(), "test")
                : new RawValue(key.Name, document.RootElement.ToString(), null, "test");
            changed = key.Apply(changed, raw);
        }

        Assert.Equal(original, changed);
    }
}
