using System.Globalization;
using Trpo.Cli.Errors;
using Trpo.Core.Environments;

namespace Trpo.Cli.Replay;

/// <summary>
/// The actions file of <c>trpo env replay</c>: one action per line, an integer for a discrete space
/// (<c>2</c>), comma-separated numbers for a continuous one (<c>0.5</c> or <c>0.1,-0.3</c>); blank lines are
/// skipped. Every line is checked against the action space before anything is stepped.
/// </summary>
public static class ActionsFile
{
    /// <summary>
    /// Reads and checks <paramref name="path"/> (shown as <paramref name="shownPath"/> in messages). Throws a
    /// <see cref="UserError"/> naming the file and line for a missing or empty file, a non-number or an action
    /// outside <paramref name="spec"/>'s action space.
    /// </summary>
    public static IReadOnlyList<double[]> Read(string path, string shownPath, EnvironmentSpec spec)
    {
        if (Directory.Exists(path)) throw new UserError($"actions file '{shownPath}' is a folder");
        if (!File.Exists(path)) throw new UserError($"actions file '{shownPath}' not found");
        var actions = new List<double[]>();
        int lineNumber = 0;
        foreach (string rawLine in File.ReadLines(path))
        {
            lineNumber++;
            string line = rawLine.Trim();
            if (line.Length == 0) continue;
            double[] action = spec.ActionKind == ActionKind.Discrete
                ? [ParseDiscrete(line, spec, shownPath, lineNumber)]
                : ParseContinuous(line, shownPath, lineNumber);
            string? problem = spec.DescribeInvalidAction(action);
            if (problem is not null) throw new UserError($"{shownPath}:{lineNumber}: {problem}");
            actions.Add(action);
        }
        if (actions.Count == 0) throw new UserError($"actions file '{shownPath}' has no actions (one per line)");
        return actions;
    }

    private static double ParseDiscrete(string line, EnvironmentSpec spec, string shownPath, int lineNumber)
        => int.TryParse(line, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int a)
            ? a
            : throw new UserError($"{shownPath}:{lineNumber}: expected an integer action of Discrete({spec.ActionSize}), got '{line}'");

    private static double[] ParseContinuous(string line, string shownPath, int lineNumber)
    {
        string[] fields = line.Split(',');
        var action = new double[fields.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            string field = fields[i].Trim();
            if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out action[i]) || !double.IsFinite(action[i]))
                throw new UserError($"{shownPath}:{lineNumber}: expected a number, got '{field}'");
        }
        return action;
    }
}
