namespace Trpo.Cli.Checkpoints;

/// <summary>An intact checkpoint of a format version this build does not read.</summary>
public sealed class CheckpointVersionException(int version)
    : Exception($"it has format version {version}; this trpo reads version {CheckpointFile.FormatVersion}")
{
    /// <summary>The file's version.</summary>
    public int Version { get; } = version;
}
