namespace Trpo.Cli.Checkpoints;

/// <summary>A checkpoint file is truncated, fails its checksum or does not parse; the store falls back to an older one.</summary>
public sealed class CorruptCheckpointException(string reason) : Exception(reason);
