using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Trpo.Cli.FileSystem;

namespace Trpo.Cli.Tests.TestSupport;

/// <summary>
/// The machine's file system that logs, in order and from any thread, every file created for writing and every rename
/// (by file name), and holds the creation of <see cref="GatedFile"/> until <see cref="Gate"/> opens: a slow disk under
/// the test's control, to show which work runs while a write is under way.
/// </summary>
public sealed class GatedFileSystem : IFileSystem
{
    private readonly PhysicalFileSystem _real = PhysicalFileSystem.Instance;

    /// <summary>Name (not path) of the file whose creation waits for <see cref="Gate"/>, e.g. <c>epoch-000001.ckpt.tmp</c>.</summary>
    public string? GatedFile { get; init; }
    /// <summary>Opened by the test; until then creating <see cref="GatedFile"/> blocks.</summary>
    public ManualResetEventSlim Gate { get; } = new(false);
    /// <summary>How long a gated creation waits before it gives up with a <see cref="TimeoutException"/> (a test that would otherwise hang).</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>What happened, in order: <c>waiting NAME</c>, <c>create NAME</c>, <c>move NAME</c>, and whatever the test adds.</summary>
    public ConcurrentQueue<string> Events { get; } = new();

    /// <summary>Installs <paramref name="files"/> into the workspace's host (after whatever it already installs).</summary>
    public static void Install(Workspace workspace, GatedFileSystem files)
    {
        var previous = workspace.Services;
        workspace.Services = services =>
        {
            previous?.Invoke(services);
            services.AddSingleton<IFileSystem>(files);
        };
    }

    public Stream Create(string path)
    {
        var name = Path.GetFileName(path);
        if (name == GatedFile)
        {
            Events.Enqueue($"waiting {name}");
            if (!Gate.Wait(Patience)) throw new TimeoutException($"{name} waited {Patience.TotalSeconds} s for its gate");
        }
        Events.Enqueue($"create {name}");
        return _real.Create(path);
    }

    public void Move(string source, string destination)
    {
        Events.Enqueue($"move {Path.GetFileName(destination)}");
        _real.Move(source, destination);
    }

    public Stream OpenAppend(string path) => _real.OpenAppend(path);
    public byte[] ReadAllBytes(string path) => _real.ReadAllBytes(path);
    public void Delete(string path) => _real.Delete(path);
    public void Truncate(string path, long length) => _real.Truncate(path, length);
    public void CreateDirectory(string path) => _real.CreateDirectory(path);
    public long Length(string path) => _real.Length(path);
    public bool FileExists(string path) => _real.FileExists(path);
    public IReadOnlyList<string> Files(string directory, string pattern) => _real.Files(directory, pattern);
    public void Sync(Stream stream) => _real.Sync(stream);
}
