using System.Globalization;
using Trpo.Cli.Configuration;
using Trpo.Cli.Errors;
using Trpo.Cli.Output;
using Trpo.Cli.Replay;
using Trpo.Core.Environments;
using Trpo.Core.Numerics;

namespace Trpo.Cli.Commands;

/// <summary>What <c>trpo env replay</c> was asked for, as typed.</summary>
/// <param name="Env">--env ID</param>
/// <param name="Seed">--seed S (Gymnasium's reset(seed=S)), or null</param>
/// <param name="State">--state v1,v2,... (the full internal state), or null</param>
/// <param name="Actions">--actions FILE</param>
/// <param name="Out">--out FILE.csv, or null for stdout</param>
public sealed record EnvReplayRequest(string? Env, string? Seed, string? State, string? Actions, string? Out);

/// <summary>
/// <c>trpo env replay</c>: steps one environment through the actions of a file from a seeded reset or a given
/// state, and writes every step as CSV (<see cref="ReplayCsv"/>) to stdout or, atomically, to --out. It stops
/// at the end of the episode and says on stderr why it stopped. All input is checked before anything is
/// written: a bad value is one <c>error:</c> line (exit 2).
/// </summary>
public static class EnvReplayCommand
{
    /// <summary>Runs the replay; relative paths are taken from <paramref name="directory"/>.</summary>
    public static int Run(EnvReplayRequest request, string directory, TextWriter stdout, TextWriter stderr)
    {
        string id = ResolveEnvironment(request.Env);
        var environment = EnvironmentRegistry.Create(id);
        var spec = environment.Spec;
        if ((request.Seed is null) == (request.State is null))
            throw new UserError("pass exactly one of --seed S (Gymnasium's reset(seed=S)) or --state v1,v2,... (the full state)");
        if (request.Actions is null)
            throw new UserError("no actions given; pass --actions FILE (one action per line)");
        string? outPath = request.Out is null ? null : Path.GetFullPath(request.Out, directory);
        if (outPath is not null && Directory.Exists(outPath))
            throw new UserError($"output path '{request.Out}' is a folder, not a file");

        var observation = new double[spec.ObservationSize];
        if (request.Seed is not null)
        {
            environment.Reset(NumPyGenerator.FromSeed(SeedArgument.Parse(request.Seed)), observation);
        }
        else
        {
            double[] state = ParseState(request.State!, environment);
            try
            {
                environment.SetState(state, 0);
            }
            catch (ArgumentException e)
            {
                // the environment's own check of its state (e.g. Reacher2D-v0's elbow stop): a user error, not a crash
                string reason = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
                throw new UserError($"--state is not a state of {id}: {reason}");
            }
            environment.Observe(observation);
        }
        var actions = ActionsFile.Read(Path.GetFullPath(request.Actions, directory), request.Actions, spec);

        var replay = EnvironmentReplay.Run(environment, observation, actions);
        if (outPath is null)
        {
            ReplayCsv.Write(stdout, spec, replay);
        }
        else
        {
            var text = new StringWriter(CultureInfo.InvariantCulture);
            ReplayCsv.Write(text, spec, replay);
            AtomicFile.WriteAllText(outPath, text.ToString());
        }
        stderr.WriteLine(Describe(id, spec, replay, actions.Count));
        return ExitCodes.Ok;
    }

    /// <summary>The closing line: how the replay ended.</summary>
    public static string Describe(string id, EnvironmentSpec spec, ReplayResult replay, int actionCount)
    {
        int steps = replay.Steps.Count - 1;
        string unused = replay.UnusedActions == 0 ? "" : $"; {replay.UnusedActions} of {actionCount} actions not used";
        return replay.End switch
        {
            ReplayEnd.Terminated => $"replay: {id} terminated at step {steps}{unused}",
            ReplayEnd.Truncated => $"replay: {id} truncated at step {steps} (time limit {spec.MaxEpisodeSteps}){unused}",
            _ => $"replay: the {actionCount} actions ran out after step {steps}; the episode had not ended",
        };
    }

    private static string ResolveEnvironment(string? id)
    {
        var known = string.Join(", ", EnvironmentRegistry.Ids);
        if (id is null) throw new UserError($"no environment given; pass --env ID (known: {known})");
        if (EnvironmentRegistry.Contains(id) && EnvironmentRegistry.Ids.Contains(id)) return id;
        var suggestion = Suggestions.Closest(id, EnvironmentRegistry.Ids);
        var hint = suggestion is null ? "" : $"did you mean '{suggestion}'? ";
        throw new UserError($"unknown environment '{id}' (from --env); {hint}known: {known}");
    }

    private static double[] ParseState(string text, IEnvironment environment)
    {
        var spec = environment.Spec;
        int size = environment.GetState().Length;
        string[] fields = text.Split(',');
        string names = string.Join(", ", Enumerable.Range(0, size).Select(spec.StateName));
        if (fields.Length != size)
            throw new UserError($"--state has {fields.Length} values; {spec.Id}'s state has {size} ({names})");
        var state = new double[size];
        for (int i = 0; i < size; i++)
        {
            string field = fields[i].Trim();
            if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out state[i]) || !double.IsFinite(state[i]))
                throw new UserError($"--state value {i + 1} ({spec.StateName(i)}) must be a finite number, got '{field}'");
        }
        return state;
    }
}
