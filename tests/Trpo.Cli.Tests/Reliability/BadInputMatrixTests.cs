using Trpo.Cli.Checkpoints;
using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Reliability;

/// <summary>
/// The README's table "Bad input and failures" is the specification of every error a user can meet: for each row
/// the command is run after the row's setup and must end with exactly the exit code and stderr lines of the row
/// (exit 2 must leave every file as it was). The table and the setups here are checked against each other.
/// </summary>
public sealed class BadInputMatrixTests : IDisposable
{
    private const string FinishedRunCommand = "train --env CartPole-v1 --epochs 2 --set steps_per_epoch=64 --set hidden_sizes=4 --out run";
    private const string FinishedLqrRunCommand = "train --env LQR-v0 --epochs 2 --set steps_per_epoch=64 --set hidden_sizes=4 --out run";
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    /// <summary>The setups the "setup" column describes in words, by case (file setups are written from the table itself).</summary>
    private static readonly Dictionary<string, Func<Workspace, Task>> Setups = new(StringComparer.Ordinal)
    {
        ["config-is-a-folder"] = w => { Directory.CreateDirectory(w.PathOf("conf")); return Task.CompletedTask; },
        ["existing-run-folder"] = FinishedRun,
        ["unwritable-folder"] = w => { FaultyFileSystem.Install(w, new FaultyFileSystem { DenyDirectory = w.PathOf("runs") }); return Task.CompletedTask; },
        ["disk-full-progress"] = w => { FaultyFileSystem.Install(w, new FaultyFileSystem { FailingFile = "progress.csv", WritesBeforeFailure = 2 }); return Task.CompletedTask; },
        ["disk-full-checkpoint"] = w => { FaultyFileSystem.Install(w, new FaultyFileSystem { FailingFile = "epoch-000002.ckpt.tmp" }); return Task.CompletedTask; },
        ["resume-other-config"] = FinishedRun,
        ["resume-other-trace"] = FinishedRun,
        ["range-resume-threads"] = FinishedRun,
        ["resume-other-lqr-system"] = w => FinishedRun(w, FinishedLqrRunCommand),
        ["checkpoint-other-version"] = async w =>
        {
            await FinishedRun(w);
            var path = w.PathOf($"run/checkpoint/{CheckpointStore.FileName(2)}");
            File.WriteAllBytes(path, CheckpointFile.Serialize(CheckpointFile.Parse(File.ReadAllBytes(path)), formatVersion: 2));
        },
        ["checkpoint-corrupt"] = async w =>
        {
            await FinishedRun(w);
            var path = w.PathOf($"run/checkpoint/{CheckpointStore.FileName(2)}");
            var bytes = File.ReadAllBytes(path);
            bytes[bytes.Length / 2] ^= 0x01;
            File.WriteAllBytes(path, bytes);
        },
        ["checkpoint-all-corrupt"] = async w =>
        {
            await FinishedRun(w);
            File.WriteAllText(w.PathOf($"run/checkpoint/{CheckpointStore.FileName(1)}"), "");
            File.WriteAllText(w.PathOf($"run/checkpoint/{CheckpointStore.FileName(2)}"), "");
        },
        ["eval-no-checkpoint"] = async w =>
        {
            await FinishedRun(w);
            Directory.Delete(w.PathOf("run/checkpoint"), recursive: true);
        },
        ["eval-already-evaluated"] = async w =>
        {
            await FinishedRun(w);
            var evaluated = await w.RunAsync("eval", "run", "--episodes", "2");
            Assert.True(evaluated.ExitCode == ExitCodes.Ok, evaluated.Error);
        },
        ["progress-cut-short"] = async w =>
        {
            await FinishedRun(w);
            File.WriteAllText(w.PathOf("run/progress.csv"), "");
        },
    };

    private static Task FinishedRun(Workspace workspace) => FinishedRun(workspace, FinishedRunCommand);

    private static async Task FinishedRun(Workspace workspace, string command)
    {
        var result = await workspace.RunAsync(command.Split(' '));
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
    }

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var row in ReadmeMatrix.Rows) data.Add(row.Case);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_row_of_the_readme_table_ends_with_its_exit_code_and_its_stderr_lines(string @case)
    {
        var row = ReadmeMatrix.Rows.Single(r => r.Case == @case);
        if (row.FileSetup is var (path, text)) _workspace.WriteFile(path, text);
        else if (Setups.TryGetValue(@case, out var setup)) await setup(_workspace);
        var before = _workspace.Snapshot();
        foreach (var (name, value) in row.Environment) _workspace.Environment[name] = value;

        var result = await _workspace.RunAsync(row.Arguments);

        Assert.True(row.ExitCode == result.ExitCode, $"exit {result.ExitCode}, expected {row.ExitCode}: {result.Error}");
        Assert.Equal(row.Stderr, result.ErrorLines);
        if (row.ExitCode == ExitCodes.BadInput)
        {
            Assert.Equal("", result.Out);
            var after = _workspace.Snapshot();
            Assert.Equal(before.Keys.Order(), after.Keys.Order());
            Assert.All(before, file => Assert.True(file.Value.AsSpan().SequenceEqual(after[file.Key]), $"{file.Key} changed"));
        }
    }

    [Fact]
    public void The_table_has_at_least_25_distinct_cases()
    {
        Assert.True(ReadmeMatrix.Rows.Count >= 25, $"{ReadmeMatrix.Rows.Count} rows");
        Assert.Equal(ReadmeMatrix.Rows.Count, ReadmeMatrix.Rows.Select(r => r.Case).Distinct().Count());
    }

    [Fact]
    public void Every_row_with_a_setup_has_one_here_and_every_setup_here_has_its_row()
    {
        var withSetup = ReadmeMatrix.Rows.Where(r => r.Setup.Length > 0 && r.FileSetup is null).Select(r => r.Case).Order(StringComparer.Ordinal);
        Assert.Equal(withSetup, Setups.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_documented_exit_code_of_a_failure_appears_in_the_table()
    {
        var codes = ReadmeMatrix.Rows.Select(r => r.ExitCode).ToHashSet();
        Assert.Superset(new HashSet<int> { ExitCodes.BadInput, ExitCodes.NumericalFault, ExitCodes.OutputFailure }, codes);
    }
}
