using System.Globalization;
using Trpo.Cli.Errors;
using Trpo.Cli.FileSystem;
using Trpo.Cli.Hosting;
using Trpo.Cli.Output;

namespace Trpo.Cli.Checkpoints;

/// <summary>
/// The run folder's <c>checkpoint/</c>: one file per epoch, <c>epoch-NNNNNN.ckpt</c> (<see cref="CheckpointFile"/>),
/// of which the newest two are kept. A save writes <c>epoch-NNNNNN.ckpt.tmp</c>, flushes it to disk and renames it
/// into place, so a crash at any moment leaves every complete checkpoint intact; loading takes the newest file that
/// passes its checks and falls back to the one before it, with a warning, when the newest is truncated or corrupt.
/// </summary>
public sealed class CheckpointStore(IFileSystem files, string directory, string displayDirectory, TestHook crash)
{
    /// <summary>Name of the folder inside the run folder.</summary>
    public const string DirectoryName = "checkpoint";

    /// <summary>The file name of epoch <paramref name="epoch"/>'s checkpoint.</summary>
    public static string FileName(int epoch) => $"epoch-{epoch.ToString("D6", CultureInfo.InvariantCulture)}.ckpt";

    /// <summary>Writes <paramref name="checkpoint"/> atomically, then deletes all but it and the newest older one.</summary>
    public void Save(Checkpoint checkpoint)
    {
        files.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName(checkpoint.Epoch));
        AtomicFile.WriteAllBytes(files, path, CheckpointFile.Serialize(checkpoint),
            beforeRename: () => crash.Reached("checkpoint-written", checkpoint.Epoch),
            midway: crash.Midway("checkpoint-half-written", checkpoint.Epoch));
        crash.Reached("checkpoint-renamed", checkpoint.Epoch);
        Prune(checkpoint.Epoch);
    }

    /// <summary>
    /// The newest usable checkpoint, or null when there is none. Each unusable file (truncated, checksum mismatch,
    /// unparsable) costs one warning line naming it, the reason and what is used instead. An intact file of another
    /// format version is a <see cref="UserError"/>: it is not damage, and falling back would hide it.
    /// </summary>
    public Checkpoint? LoadNewest(Action<string> warn)
    {
        var unusable = new List<(string Name, string Reason)>();
        Checkpoint? found = null;
        string? foundName = null;
        foreach (var (epoch, path) in Existing().OrderByDescending(e => e.Epoch))
        {
            var name = Path.GetFileName(path);
            try
            {
                var checkpoint = CheckpointFile.Parse(files.ReadAllBytes(path));
                if (checkpoint.Epoch != epoch)
                    throw new CorruptCheckpointException($"it holds epoch {checkpoint.Epoch}, not {epoch}");
                (found, foundName) = (checkpoint, name);
                break;
            }
            catch (CorruptCheckpointException ex)
            {
                unusable.Add((name, ex.Message));
            }
            catch (CheckpointVersionException ex)
            {
                throw new UserError($"checkpoint '{Display(name)}' cannot be resumed: {ex.Message}; resume it with the trpo that wrote it, or start over with --force");
            }
        }
        var instead = foundName is null ? "no usable checkpoint is left, so the run starts again from epoch 0" : $"using '{Display(foundName)}' instead";
        foreach (var (name, reason) in unusable)
            warn($"warning: checkpoint '{Display(name)}' is unusable: {reason}; {instead}");
        return found;
    }

    /// <summary>Deletes every checkpoint file (for <c>--force</c>).</summary>
    public void DeleteAll()
    {
        foreach (var path in files.Files(directory, "epoch-*.ckpt*"))
            files.Delete(path);
    }

    private void Prune(int current)
    {
        var keep = new HashSet<int> { current };
        var older = Existing().Where(e => e.Epoch < current).Select(e => e.Epoch).DefaultIfEmpty(-1).Max();
        if (older >= 0) keep.Add(older);
        foreach (var (epoch, path) in Existing())
            if (!keep.Contains(epoch)) files.Delete(path);
        foreach (var temp in files.Files(directory, "*" + AtomicFile.TempSuffix))
            files.Delete(temp);
    }

    private IEnumerable<(int Epoch, string Path)> Existing()
    {
        foreach (var path in files.Files(directory, "epoch-*.ckpt"))
        {
            var stem = Path.GetFileNameWithoutExtension(path); // epoch-000003
            if (int.TryParse(stem.AsSpan("epoch-".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
                yield return (epoch, path);
        }
    }

    private string Display(string name) => $"{displayDirectory}/{name}";
}
