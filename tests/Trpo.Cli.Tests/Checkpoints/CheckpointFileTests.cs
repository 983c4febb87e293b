using System.Text;
using Trpo.Cli.Checkpoints;
using Trpo.Cli.Output;
using Trpo.Core.State;

namespace Trpo.Cli.Tests.Checkpoints;

public sealed class CheckpointFileTests
{
    private static Checkpoint Sample(int epoch = 3)
    {
        var state = new StateWriter();
        state.Doubles("x", [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue, 0.1 + 0.2, -1e-300]);
        state.Integers("n", [long.MinValue, long.MaxValue, 0]);
        state.Words("w", [ulong.MaxValue, 0, 0x9E3779B97F4A7C15]);
        return new Checkpoint(epoch, new SortedDictionary<string, string> { ["delta"] = "0.01", ["hidden_sizes"] = "[64,64]", ["env"] = "\"CartPole-v1\"" },
            Trace: true, FailOnNonFinite: false, ProgressBytes: 1234, TraceBytes: 56789,
            new RunTally(epoch, 192, double.NaN, 31.5), WallSeconds: 1.25, state.Build());
    }

    [Fact]
    public void A_checkpoint_reads_back_exactly_including_nan_infinities_negative_zero_and_extreme_words()
    {
        var original = Sample();
        var back = CheckpointFile.Parse(CheckpointFile.Serialize(original));
        Assert.Equal(original.State, back.State); // bit for bit
        Assert.Equal(original.Config, back.Config);
        Assert.Equal((original.Epoch, original.Trace, original.FailOnNonFinite, original.ProgressBytes, original.TraceBytes, original.WallSeconds),
            (back.Epoch, back.Trace, back.FailOnNonFinite, back.ProgressBytes, back.TraceBytes, back.WallSeconds));
        Assert.Equal(original.Tally, back.Tally);
    }

    [Fact]
    public void The_file_starts_with_a_one_line_header_naming_format_version_length_and_sha256()
    {
        var text = Encoding.UTF8.GetString(CheckpointFile.Serialize(Sample()));
        var header = text[..text.IndexOf('\n')];
        Assert.Matches("""^\{"format":"trpo-checkpoint","format_version":1,"body_bytes":\d+,"body_sha256":"[0-9a-f]{64}"\}$""", header);
        Assert.StartsWith("""{"epoch":3,"config":{"delta":0.01,"env":"CartPole-v1","hidden_sizes":[64,64]},""", text[(header.Length + 1)..]);
    }

    [Fact]
    public void A_truncated_file_is_reported_as_truncated()
    {
        var bytes = CheckpointFile.Serialize(Sample());
        var ex = Assert.Throws<CorruptCheckpointException>(() => CheckpointFile.Parse(bytes[..(bytes.Length - 10)]));
        Assert.Matches(@"^it is truncated \(\d+ of \d+ body bytes\)$", ex.Message);
        Assert.Equal("it has no header line (truncated)", Assert.Throws<CorruptCheckpointException>(() => CheckpointFile.Parse(bytes[..20])).Message);
    }

    [Fact]
    public void A_single_flipped_bit_in_the_body_fails_the_checksum()
    {
        var bytes = CheckpointFile.Serialize(Sample());
        bytes[^5] ^= 0x01;
        Assert.Equal("its checksum does not match (the file was altered or damaged)",
            Assert.Throws<CorruptCheckpointException>(() => CheckpointFile.Parse(bytes)).Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json\n{}")]
    [InlineData("{\"format\":\"zip\",\"format_version\":1,\"body_bytes\":2,\"body_sha256\":\"x\"}\n{}")]
    public void Files_that_are_not_checkpoints_are_reported_as_corrupt(string text)
        => Assert.Throws<CorruptCheckpointException>(() => CheckpointFile.Parse(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void An_intact_file_of_another_format_version_is_a_version_error_not_corruption()
    {
        var bytes = CheckpointFile.Serialize(Sample(), formatVersion: 2);
        var ex = Assert.Throws<CheckpointVersionException>(() => CheckpointFile.Parse(bytes));
        Assert.Equal(2, ex.Version);
        Assert.Equal("it has format version 2; this trpo reads version 1", ex.Message);
    }
}
