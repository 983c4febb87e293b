using System.Text;
using Trpo.Cli.FileSystem;

namespace Trpo.Cli.Output;

/// <summary>
/// Writes a whole file so that readers see either the old content or the new, never a torn write: the bytes go
/// to <c>{path}.tmp</c>, are flushed to disk, and the temp file is renamed over <paramref name="path"/>. When the
/// write fails (disk full, no permission) the temp file is removed and the old file is left as it was.
/// </summary>
public static class AtomicFile
{
    /// <summary>Suffix of the temporary file beside the target.</summary>
    public const string TempSuffix = ".tmp";

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte order mark, on the machine's file system.</summary>
    public static void WriteAllText(string path, string text) => WriteAllText(PhysicalFileSystem.Instance, path, text);

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte order mark through <paramref name="files"/>.</summary>
    public static void WriteAllText(IFileSystem files, string path, string text)
        => WriteAllBytes(files, path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));

    /// <summary>Writes <paramref name="bytes"/> through <paramref name="files"/>.</summary>
    /// <param name="files">The file system.</param>
    /// <param name="path">The target.</param>
    /// <param name="bytes">The content.</param>
    /// <param name="beforeRename">Called between the durable temp file and the rename (the checkpoint writer's test hook).</param>
    /// <param name="midway">When given, the first half of the bytes is written and flushed to disk, this is called, and the
    /// rest follows (the checkpoint writer's test hook for a crash in the middle of the write).</param>
    public static void WriteAllBytes(IFileSystem files, string path, ReadOnlySpan<byte> bytes, Action? beforeRename = null, Action? midway = null)
    {
        var temp = path + TempSuffix;
        try
        {
            using (var stream = files.Create(temp))
            {
                int first = midway is null ? bytes.Length : bytes.Length / 2;
                stream.Write(bytes[..first]);
                if (midway is not null)
                {
                    files.Sync(stream);
                    midway();
                    stream.Write(bytes[first..]);
                }
                files.Sync(stream);
            }
        }
        catch
        {
            TryDelete(files, temp);
            throw;
        }
        beforeRename?.Invoke();
        files.Move(temp, path);
    }

    private static void TryDelete(IFileSystem files, string path)
    {
        try { files.Delete(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* the original error is the one to report */ }
    }
}
