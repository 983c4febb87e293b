using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Trpo.Cli.Batch;
using Trpo.Cli.Checkpoints;
using Trpo.Cli.Configuration;
using Trpo.Cli.Errors;
using Trpo.Cli.Output;
using Trpo.Cli.Replay;
using Trpo.Cli.Tests.TestSupport;
using Trpo.Core.Environments;
using Trpo.Core.State;
using Trpo.Core.Training;

namespace Trpo.Cli.Tests.Reliability;

/// <summary>
/// Property tests (FsCheck, fixed and replayable seeds): whatever bytes or well-formed-but-wrong documents reach a
/// parser, the only outcomes are success or a clean error (<see cref="UserError"/> for configuration and experiment
/// files, which must also expand into valid runs when accepted, and for the actions files of <c>trpo env replay</c>; for checkpoints
/// <see cref="CorruptCheckpointException"/>, <see cref="CheckpointVersionException"/> or, on restoring a forged but
/// checksummed state, <see cref="IncompatibleStateException"/>), never an unhandled exception.
/// To replay a failure, FsCheck prints the seed; put it into <see cref="Replay"/>.
/// </summary>
public sealed class ParserFuzzTests : IDisposable
{
    /// <summary>FsCheck's (seed, gamma); gamma must be odd. Fixed, so every run tries the same cases.</summary>
    private static Config Replay(int tests, ulong seed) => Config.QuickThrowOnFailure.WithMaxTest(tests).WithReplay(seed, 0x9E3779B97F4A7C15UL);

    private readonly Workspace _workspace = new();
    private int _file;

    public void Dispose() => _workspace.Dispose();

    /// <summary>Binds a configuration made of a --config file with <paramref name="bytes"/> plus <paramref name="sets"/>: success or a user error.</summary>
    private void BindsOrRejectsCleanly(byte[] bytes, string[] sets)
    {
        var name = $"fuzz{Interlocked.Increment(ref _file)}.json";
        File.WriteAllBytes(_workspace.PathOf(name), bytes);
        try
        {
            var request = new ConfigRequest(name, new Dictionary<string, string?>(), sets, new Dictionary<string, string> { ["env"] = "CartPole-v1" }, _workspace.Root);
            var (_, layers) = ConfigLoader.BuildLayers(request);
            var settings = ConfigLoader.Bind(layers);
            Assert.Empty(settings.Options.Validate()); // what binds is valid
        }
        catch (UserError error)
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            Assert.DoesNotContain('\n', error.Message); // one line
        }
    }

    [Fact]
    public void Random_bytes_as_a_config_file_are_accepted_or_rejected_with_a_user_error()
    {
        var bytes = ArbMap.Default.GeneratorFor<byte[]>().Select(b => b ?? []);
        var jsonish = Gen.ArrayOf(Gen.Elements("{", "}", "[", "]", ",", ":", "\"", "\\", "1", "-", "e", "null", "true", " ", "\n", "/*", "*/", "//", "\u00e9", "\uFEFF"))
            .Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));
        Prop.ForAll(Arb.From(Gen.OneOf(bytes, jsonish)), b => BindsOrRejectsCleanly(b, [])).Check(Replay(200, 1));
    }

    [Fact]
    public void Well_formed_but_wrong_config_documents_are_accepted_or_rejected_with_a_user_error()
    {
        var document = JsonFuzz.Object(3).Select(text => Encoding.UTF8.GetBytes(text));
        Prop.ForAll(Arb.From(document), b => BindsOrRejectsCleanly(b, [])).Check(Replay(200, 2));
    }

    [Fact]
    public void Random_set_arguments_are_accepted_or_rejected_with_a_user_error()
    {
        var set = from key in JsonFuzz.Key
                  from sep in Gen.Elements("=", "", "==", " = ")
                  from value in Gen.OneOf(JsonFuzz.ScalarText, JsonFuzz.Value(1))
                  select key + sep + value;
        Prop.ForAll(Arb.From(Gen.ArrayOf(set)), sets => BindsOrRejectsCleanly("{}"u8.ToArray(), sets)).Check(Replay(200, 3));
    }

    [Fact]
    public void Damaged_checkpoint_files_are_reported_as_corrupt_never_as_a_crash()
    {
        var valid = CheckpointFile.Serialize(SmallCheckpoint());
        var damaged = from cut in Gen.Choose(0, valid.Length)
                      from length in Gen.Choose(0, 64)
                      from noise in ArbMap.Default.GeneratorFor<byte[]>()
                      from kind in Gen.Choose(0, 2)
                      select Damage(valid, kind, cut, length, noise ?? []);
        Prop.ForAll(Arb.From(damaged), bytes =>
        {
            try { CheckpointFile.Parse(bytes); }
            catch (CorruptCheckpointException) { }
            catch (CheckpointVersionException) { }
        }).Check(Replay(200, 4));
    }

    [Fact]
    public void Forged_checkpoints_with_a_valid_checksum_parse_and_restore_or_fail_cleanly()
    {
        // The checksum is recomputed after the damage, so the body parser and the engine's restore see wrong data.
        var checkpoint = SmallCheckpoint();
        var body = Encoding.UTF8.GetString(CheckpointFile.Serialize(checkpoint)).Split('\n', 2)[1];
        var forged = from edit in JsonFuzz.Edit(body) select Reseal(edit);
        Prop.ForAll(Arb.From(forged), bytes =>
        {
            Checkpoint parsed;
            try { parsed = CheckpointFile.Parse(bytes); }
            catch (CorruptCheckpointException) { return; }
            try { new Trainer(TinyOptions, "CartPole-v1", 0).RestoreState(parsed.State); }
            catch (IncompatibleStateException) { }
        }).Check(Replay(200, 5));
    }

    [Fact]
    public void Random_bytes_as_an_experiment_file_are_accepted_or_rejected_with_a_user_error()
    {
        Prop.ForAll(Arb.From(ArbMap.Default.GeneratorFor<byte[]>().Select(b => b ?? [])), b =>
        {
            ExperimentPlansOrRejectsCleanly(() => ExperimentDocument.ParseJson("e.json", b));
            ExperimentPlansOrRejectsCleanly(() => ExperimentDocument.ParseYaml("e.yaml", Encoding.UTF8.GetString(b)));
        }).Check(Replay(200, 6));
    }

    [Fact]
    public void Yaml_like_text_as_an_experiment_file_is_accepted_or_rejected_with_a_user_error()
    {
        // Fragments of experiment YAML in random order: this found "- : " (ArgumentException inside YamlDotNet) and a
        // truncated flow collection (InvalidOperationException), both now plain user errors.
        var yamlish = Gen.ArrayOf(Gen.Elements("name: e\n", "seeds: [0]\n", "environments:\n", "  - CartPole-v1\n", "- ", ": ", "&a ", "*a", "{", "[", "\"", "'", "#", "\t", "\n", "---\n", "grid:\n  lam: [0.9]\n", "budget: {epochs: 1}\n", "? ", "!!str ", "|\n"))
            .Select(string.Concat);
        Prop.ForAll(Arb.From(yamlish), text => ExperimentPlansOrRejectsCleanly(() => ExperimentDocument.ParseYaml("e.yaml", text))).Check(Replay(1000, 8));
    }

    [Fact]
    public void Well_formed_but_wrong_experiment_documents_are_accepted_or_rejected_with_a_user_error()
    {
        Prop.ForAll(Arb.From(JsonFuzz.Experiment), text => ExperimentPlansOrRejectsCleanly(() => ExperimentDocument.ParseJson("e.json", Encoding.UTF8.GetBytes(text))))
            .Check(Replay(200, 7));
    }

    /// <summary>Parses and expands an experiment document: success or a one-line user error.</summary>
    private static void ExperimentPlansOrRejectsCleanly(Func<System.Text.Json.Nodes.JsonObject> read)
    {
        try
        {
            var plan = BatchPlan.Expand(ExperimentParser.Parse(read(), "e.json"));
            Assert.All(plan.Runs, run => Assert.Empty(run.Settings.Options.Validate()));
        }
        catch (UserError error)
        {
            Assert.DoesNotContain('\n', error.Message);
        }
    }

    private static readonly TrpoOptions TinyOptions = Presets.SpinningUp with { StepsPerEpoch = 16, HiddenSizes = [2], TrainVIters = 1 };

    private static Checkpoint SmallCheckpoint()
    {
        var trainer = new Trainer(TinyOptions, "CartPole-v1", 0);
        trainer.RunEpoch();
        return new Checkpoint(1, new SortedDictionary<string, string> { ["seed"] = "0" }, false, false, 10, 0, RunTally.Empty, 0.5, trainer.CaptureState());
    }

    private static byte[] Damage(byte[] valid, int kind, int at, int length, byte[] noise)
    {
        var bytes = valid.ToList();
        at = Math.Min(at, bytes.Count);
        switch (kind)
        {
            case 0: bytes.RemoveRange(at, Math.Min(length, bytes.Count - at)); break;   // truncation or a hole
            case 1: bytes.InsertRange(at, noise); break;                                  // inserted garbage
            default: for (int i = 0; i < noise.Length && at + i < bytes.Count; i++) bytes[at + i] ^= noise[i]; break; // flipped bits
        }
        return [.. bytes];
    }

    private static byte[] Reseal(string body)
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bodyBytes));
        var header = $"{{\"format\":\"trpo-checkpoint\",\"format_version\":1,\"body_bytes\":{bodyBytes.Length},\"body_sha256\":\"{sha}\"}}\n";
        return [.. Encoding.UTF8.GetBytes(header), .. bodyBytes];
    }

    /// <summary>Reads an actions file of <paramref name="bytes"/> for <paramref name="env"/>: actions inside its space, or a one-line user error.</summary>
    private void ActionsReadOrRejectCleanly(string env, byte[] bytes)
    {
        var name = $"actions{Interlocked.Increment(ref _file)}.txt";
        File.WriteAllBytes(_workspace.PathOf(name), bytes);
        var spec = EnvironmentRegistry.SpecOf(env);
        try
        {
            var actions = ActionsFile.Read(_workspace.PathOf(name), name, spec);
            Assert.NotEmpty(actions);
            Assert.All(actions, a => Assert.Null(spec.DescribeInvalidAction(a)));
        }
        catch (UserError error)
        {
            Assert.DoesNotContain('\n', error.Message);
            Assert.Contains(name, error.Message); // names the file (and the line)
        }
    }

    /// <summary>One discrete and one continuous action space.</summary>
    private static readonly string[] ReplayEnvironments = ["MountainCar-v0", "Pendulum-v1"];

    [Fact]
    public void Random_bytes_as_an_actions_file_are_read_or_rejected_with_a_user_error()
    {
        var bytes = ArbMap.Default.GeneratorFor<byte[]>().Select(b => b ?? []);
        Prop.ForAll(Arb.From(bytes), b => { foreach (var env in ReplayEnvironments) ActionsReadOrRejectCleanly(env, b); }).Check(Replay(200, 9));
    }

    /// <summary>Lines that look like actions: integers, decimals, lists, out-of-space and non-finite values, near misses.</summary>
    private static Gen<string> ActionLines => Gen.ArrayOf(Gen.OneOf(
            Gen.Elements("0", "1", "2", "3", "-1", "+1", "1.5", "0.5", "-2", "2.0", "-2.0000001", "1e0", "1e400", "-1e400", "NaN", "Infinity", "-0",
                "0,0", "0.1,-0.3", ",", "1,", " 1 ", "\t2", "", "#", "abc", "0x1", "1_000", "٣", "\u00a01", "2147483648", "-2147483649"),
            ArbMap.Default.GeneratorFor<double>().Select(RoundTrip.Format),
            ArbMap.Default.GeneratorFor<int>().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        .SelectMany(lines => Gen.Elements("\n", "\r\n").Select(newline => string.Join(newline, lines)));

    [Fact]
    public void Well_formed_but_wrong_actions_files_are_read_or_rejected_with_a_user_error()
    {
        Prop.ForAll(Arb.From(ActionLines), text => { foreach (var env in ReplayEnvironments) ActionsReadOrRejectCleanly(env, Encoding.UTF8.GetBytes(text)); })
            .Check(Replay(300, 10));
    }

    [Fact]
    public void Trpo_env_replay_of_wrong_actions_and_states_exits_0_or_2_never_with_a_crash()
    {
        // End to end, through the command: every environment, a seeded reset or a state of extreme but finite values,
        // and an actions file from the generator above. The engine must never fail (exit 1) on what the parser accepted.
        var cases = from env in Gen.Elements(EnvironmentRegistry.Ids.ToArray())
                    from start in Gen.Elements<string?>(null, null, "0", "1e300", "-1e300", "1e-320", "3.5", "100")
                    from lines in ActionLines
                    select (env, start, lines);
        Prop.ForAll(Arb.From(cases), c =>
        {
            var (env, start, lines) = c;
            var name = $"actions{Interlocked.Increment(ref _file)}.txt";
            _workspace.WriteFile(name, lines);
            var size = EnvironmentRegistry.Create(env).GetState().Length;
            string[] from = start is null ? ["--seed", "3"] : ["--state", string.Join(",", Enumerable.Repeat(start, size))];
            var result = _workspace.RunAsync(["env", "replay", "--env", env, .. from, "--actions", name]).GetAwaiter().GetResult();
            Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.BadInput, $"{env} {string.Join(' ', from)}: exit {result.ExitCode}: {result.Error}");
            if (result.ExitCode == ExitCodes.BadInput) Assert.StartsWith("error: ", Assert.Single(result.ErrorLines));
        }).Check(Replay(60, 11));
    }
}

/// <summary>Generators of JSON text for the fuzz tests: known keys and near misses, values of every kind.</summary>
internal static class JsonFuzz
{
    private static readonly string[] Typos = ["deltta", "Gamma", "hidden_size", "", " env", "seed ", "a:b", "delta:x", "__proto__", "normalize_advantages\u0000"];

    public static Gen<string> Key => Gen.OneOf(
        Gen.Elements(OptionKeys.AllNames.ToArray()),
        Gen.Elements(Typos),
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""));

    private static Gen<string> Number => Gen.OneOf(
        Gen.Elements("0", "-0", "1", "-1", "0.5", "1e400", "-1e400", "1E-320", "4294967296", "18446744073709551616", "1.0", "2.5", "1e3", "4000", "64"),
        ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite).Select(RoundTrip.Format),
        ArbMap.Default.GeneratorFor<int>().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A scalar as text usable after <c>--set key=</c>.</summary>
    public static Gen<string> ScalarText => Gen.OneOf(Number, Gen.Elements("true", "false", "uniform", "orthogonal", "CartPole-v1", "sb3", "64,64", "[64, 64]", "", " ", "NaN", "Infinity"));

    private static Gen<string> Scalar => Gen.OneOf(
        Number,
        ScalarText.Select(s => JsonSerializer.Serialize(s)),
        ArbMap.Default.GeneratorFor<string>().Select(s => JsonSerializer.Serialize(s ?? "")),
        Gen.Elements("true", "false", "null"));

    public static Gen<string> Value(int depth) => depth <= 0
        ? Scalar
        : Gen.Frequency(
            (4, Scalar),
            (1, Gen.ArrayOf(Gen.Choose(0, 3).SelectMany(_ => Value(depth - 1))).Select(items => "[" + string.Join(",", items) + "]")),
            (1, Object(depth - 1)));

    public static Gen<string> Object(int depth)
        => Gen.ArrayOf(from key in Key from value in Value(depth) select JsonSerializer.Serialize(key) + ":" + value)
            .Select(members => "{" + string.Join(",", members) + "}");

    /// <summary>An experiment document: mostly the right top-level keys with small values of every kind, now and then a wrong key.</summary>
    public static Gen<string> Experiment
    {
        get
        {
            var seeds = Gen.OneOf(Gen.Elements("[0]", "[0, 1]", "[0, 0]", "[]", "[-1]", "[4294967296]", "0", "\"0\"", "[1.5]"), Value(1));
            var environments = Gen.OneOf(Gen.Elements("[\"CartPole-v1\"]", "[\"Pendulum-v1\", \"CartPole-v1\"]", "[]", "[\"MountainCar-v0\"]",
                "[{\"id\": \"CartPole-v1\", \"budget\": {\"epochs\": 1}}]", "[{\"id\": \"CartPole-v1\", \"overrides\": {\"gamma\": 2}}]", "\"CartPole-v1\""), Value(1));
            var budget = Gen.OneOf(Gen.Elements("{\"epochs\": 1}", "{\"env_steps\": 64}", "{\"epochs\": 0}", "{\"epochs\": 1, \"env_steps\": 5}", "{}", "{\"epochs\": 2000000}", "1"), Value(1));
            var axis = from key in Key
                       from values in Gen.OneOf(Gen.Elements("[]", "[0.9]", "[0.9, 0.9]", "[0.9, 0.97]", "[\"uniform\", \"Uniform\"]", "[[8], [16, 16]]", "[true, false]", "0.9"), Value(1))
                       select JsonSerializer.Serialize(key) + ":" + values;
            var grid = Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(axis, n)).Select(a => "{" + string.Join(",", a) + "}");
            var member = Gen.OneOf(
                Gen.Constant("\"name\":\"e\""),
                Gen.Elements("\"name\":\"\"", "\"name\":\"has space\"", "\"name\":3", "\"preset\":\"sb3\"", "\"preset\":\"ppo\"", "\"description\":\"d\""),
                seeds.Select(v => "\"seeds\":" + v),
                environments.Select(v => "\"environments\":" + v),
                budget.Select(v => "\"budget\":" + v),
                grid.Select(v => "\"grid\":" + v),
                Object(1).Select(v => "\"overrides\":" + v),
                Object(1).Select(v => "\"quick\":" + v),
                from key in Key from value in Value(1) select JsonSerializer.Serialize(key) + ":" + value);
            return from n in Gen.Choose(0, 8)
                   from members in Gen.ArrayOf(member, n)
                   from complete in Gen.Elements(true, true, false)
                   select "{" + string.Join(",", complete ? ["\"name\":\"e\"", "\"seeds\":[0]", "\"environments\":[\"CartPole-v1\"]", "\"budget\":{\"epochs\":1}", .. members.Where(m => !m.StartsWith("\"name\"", StringComparison.Ordinal) && !m.StartsWith("\"seeds\"", StringComparison.Ordinal) && !m.StartsWith("\"environments\"", StringComparison.Ordinal) && !m.StartsWith("\"budget\"", StringComparison.Ordinal))] : members) + "}";
        }
    }

    /// <summary>A JSON-ish edit of <paramref name="text"/>: a number, string or literal token replaced by another value.</summary>
    public static Gen<string> Edit(string text)
        => from at in Gen.Choose(0, text.Length - 1)
           from replacement in Value(1)
           from length in Gen.Choose(1, 24)
           select text[..at] + replacement + text[Math.Min(text.Length, at + length)..];
}
