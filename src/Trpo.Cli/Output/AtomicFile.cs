using System.Text;

namespace Trpo.Cli.Output;

/// <summary>
/// Writes a whole file so that readers see either the old content or the new, never a torn write: the text goes
/// to <c>{path}.tmp</c>, is flushed to disk, and the temp file is renamed over <paramref name="path"/>.
/// </summary>
public static class AtomicFile
{
    /// <summary>Suffix of the temporary file beside the target.</summary>
    public const string TempSuffix = ".tmp";

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte order mark.</summary>
    public static void WriteAllText(string path, string text)
    {
        var temp = path + TempSuffix;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
