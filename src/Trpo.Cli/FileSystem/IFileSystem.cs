namespace Trpo.Cli.FileSystem;

/// <summary>
/// The file operations a run makes on its folder (config.json, progress.csv, trace.txt, summary.json, checkpoints).
/// The real implementation is <see cref="PhysicalFileSystem"/>; tests substitute one that fails on purpose (a full
/// disk, a folder without write permission) to check that a failed write loses nothing already written.
/// </summary>
public interface IFileSystem
{
    /// <summary>Creates or truncates <paramref name="path"/> for writing.</summary>
    Stream Create(string path);

    /// <summary>Opens <paramref name="path"/> for appending (it must exist).</summary>
    Stream OpenAppend(string path);

    /// <summary>All bytes of <paramref name="path"/>.</summary>
    byte[] ReadAllBytes(string path);

    /// <summary>Renames <paramref name="source"/> to <paramref name="destination"/>, replacing it (atomic on one volume).</summary>
    void Move(string source, string destination);

    /// <summary>Deletes <paramref name="path"/> if it exists.</summary>
    void Delete(string path);

    /// <summary>Cuts <paramref name="path"/> to its first <paramref name="length"/> bytes.</summary>
    void Truncate(string path, long length);

    /// <summary>Creates <paramref name="path"/> and its parents.</summary>
    void CreateDirectory(string path);

    /// <summary>Size of <paramref name="path"/> in bytes.</summary>
    long Length(string path);

    /// <summary>True when <paramref name="path"/> is an existing file.</summary>
    bool FileExists(string path);

    /// <summary>The files directly in <paramref name="directory"/> matching <paramref name="pattern"/> (none when it does not exist).</summary>
    IReadOnlyList<string> Files(string directory, string pattern);

    /// <summary>Flushes <paramref name="stream"/> (one this file system opened) through to the storage device.</summary>
    void Sync(Stream stream);
}
