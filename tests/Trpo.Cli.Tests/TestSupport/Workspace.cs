using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Trpo.Cli.Hosting;

namespace Trpo.Cli.Tests.TestSupport;

/// <summary>
/// A temporary working directory to run <c>trpo</c> in, in-process through <see cref="CliApp.RunAsync"/>, with an
/// environment of our choosing (empty by default, so the machine's variables never leak into a test).
/// </summary>
public sealed class Workspace : IDisposable
{
    /// <summary>Arguments that keep a training run tiny once the engine is in: 1 epoch of 64 steps, 1 value step.</summary>
    public static readonly string[] TinyEpoch =
        ["--epochs", "1", "--set", "steps_per_epoch=64", "--set", "train_v_iters=1"];

    /// <summary><see cref="TinyEpoch"/> with a 4-unit network.</summary>
    public static readonly string[] TinyBudget = [.. TinyEpoch, "--set", "hidden_sizes=4"];

    public Workspace() => Directory.CreateDirectory(Root);

    /// <summary>The working directory.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "trpo-cli-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Environment variables the run sees.</summary>
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Replaces services of the host (e.g. a fake engine); null runs the real application.</summary>
    public Action<IServiceCollection>? Services { get; set; }

    /// <summary>Full path of <paramref name="relative"/> inside the workspace.</summary>
    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Writes <paramref name="text"/> to <paramref name="relative"/> and returns the relative path.</summary>
    public string WriteFile(string relative, string text)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return relative;
    }

    /// <summary>Reads <paramref name="relative"/> as text.</summary>
    public string ReadFile(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Runs <c>trpo</c> with <paramref name="args"/> in this workspace.</summary>
    public Task<CliResult> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    /// <summary>Runs <c>trpo</c> with <paramref name="args"/> in this workspace, cancellable.</summary>
    public async Task<CliResult> RunAsync(CancellationToken cancellation, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var stop = new StopSignal(cancellation);
        var code = await CliApp.RunAsync(args, stdout, stderr, Environment, stop, Root, Services);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Every file under the workspace with its bytes, to check that nothing changed.</summary>
    public IReadOnlyDictionary<string, byte[]> Snapshot()
        => Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Root, f), File.ReadAllBytes);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}
