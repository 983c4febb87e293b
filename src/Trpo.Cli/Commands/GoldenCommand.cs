using System.Diagnostics;
using Trpo.Cli.Errors;
using Trpo.Cli.Golden;
using Trpo.Core.Tracing;

namespace Trpo.Cli.Commands;

/// <summary>
/// <c>trpo golden list | verify | accept</c>: the golden-trace workflow outside the test runner. Verify runs each
/// scenario and compares its trace bit for bit with <c>&lt;dir&gt;/&lt;scenario&gt;/trace.txt</c>; accept moves a
/// reviewed <c>trace.received.txt</c> over the golden one. Nothing is ever accepted automatically.
/// </summary>
public static class GoldenCommand
{
    /// <summary>Lists the scenarios with what each covers.</summary>
    public static int List(TextWriter output)
    {
        int width = GoldenScenarios.All.Max(s => s.Name.Length);
        foreach (var s in GoldenScenarios.All)
            output.WriteLine($"{s.Name.PadRight(width)}  {s.EnvironmentId}  {s.Preset}  seed {s.Seed}  {s.Epochs} epochs  {s.Purpose}");
        return ExitCodes.Ok;
    }

    /// <summary>Verifies the named scenarios (all when none are named) and reports; exit 0 when all match, 1 otherwise.</summary>
    public static int Verify(IReadOnlyList<string> names, string directory, int threads, TextWriter output)
    {
        var store = new GoldenStore(directory);
        var scenarios = Select(names);
        var clock = Stopwatch.StartNew();
        var outcomes = new List<GoldenOutcome>();
        foreach (var scenario in scenarios)
        {
            var outcome = store.Verify(scenario, threads);
            outcomes.Add(outcome);
            output.WriteLine(outcome.Describe());
        }
        if (names.Count == 0)
        {
            foreach (var dangling in store.Dangling())
            {
                outcomes.Add(dangling);
                output.WriteLine(dangling.Describe());
            }
        }
        int failed = outcomes.Count(o => !o.Passed);
        output.WriteLine($"{outcomes.Count - failed} of {outcomes.Count} golden traces match ({clock.Elapsed.TotalSeconds:F1} s, {store.Directory})");
        return failed == 0 ? ExitCodes.Ok : ExitCodes.GoldenMismatch;
    }

    /// <summary>
    /// Accepts the received traces of the named scenarios (all that have one when none are named); with no names it
    /// also accepts every received plot snapshot (<c>plots/*.received.svg</c>).
    /// </summary>
    public static int Accept(IReadOnlyList<string> names, string directory, TextWriter output)
    {
        var store = new GoldenStore(directory);
        var scenarios = Select(names);
        var accepted = new List<string>();
        foreach (var scenario in scenarios)
        {
            if (store.Accept(scenario.Name)) accepted.Add(scenario.Name);
            else if (names.Count > 0)
                throw new UserError($"nothing to accept for '{scenario.Name}': no {store.ReceivedPath(scenario.Name)} (run 'trpo golden verify {scenario.Name}' first)");
        }
        foreach (var name in accepted) output.WriteLine($"accepted  {name} -> {store.GoldenPath(name)}");
        var plots = new PlotSnapshotStore(directory);
        var acceptedPlots = names.Count == 0 ? plots.AcceptAll() : [];
        foreach (var name in acceptedPlots) output.WriteLine($"accepted  plots/{name} -> {plots.GoldenPath(name)}");
        output.WriteLine(accepted.Count + acceptedPlots.Count == 0
            ? "nothing to accept"
            : $"{accepted.Count} golden traces and {acceptedPlots.Count} golden plots accepted; review the diff and commit it with the reason");
        return ExitCodes.Ok;
    }

    private static IReadOnlyList<GoldenScenario> Select(IReadOnlyList<string> names)
    {
        if (names.Count == 0) return GoldenScenarios.All;
        return names.Select(n => GoldenScenarios.Find(n)
            ?? throw new UserError($"unknown golden scenario '{n}'; known: {string.Join(", ", GoldenScenarios.All.Select(s => s.Name))}")).ToList();
    }
}
