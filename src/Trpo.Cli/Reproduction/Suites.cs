using System.Reflection;
using Trpo.Cli.Batch;
using Trpo.Cli.Errors;

namespace Trpo.Cli.Reproduction;

/// <summary>
/// The built-in suites of <c>trpo reproduce</c>: experiment files shipped inside the tool
/// (<c>src/Trpo.Cli/Suites/*.json</c>, embedded), each with a <c>quick</c> section and, where there are
/// published numbers to compare with, a <c>reference</c> section.
/// </summary>
public static class Suites
{
    private const string ResourcePrefix = "Trpo.Cli.Suites.";

    /// <summary>The suite names, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(Suites).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The built-in suite <paramref name="name"/>, or the experiment file at that path; a user error naming the known suites otherwise.</summary>
    public static Experiment Load(string name, string workingDirectory)
    {
        if (Names.Contains(name, StringComparer.Ordinal))
        {
            using var stream = typeof(Suites).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".json")!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var display = $"suite {name}";
            return ExperimentParser.Parse(ExperimentDocument.ParseJson(display, buffer.ToArray()), display);
        }
        var full = Path.GetFullPath(name, workingDirectory);
        if (File.Exists(full))
            return ExperimentParser.Load(name, full);
        throw new UserError($"unknown suite '{name}'; known: {string.Join(", ", Names)} (or the path of an experiment file)");
    }
}
