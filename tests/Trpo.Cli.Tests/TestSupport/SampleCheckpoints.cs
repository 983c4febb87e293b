using Trpo.Cli.Checkpoints;
using Trpo.Cli.Output;
using Trpo.Core.State;

namespace Trpo.Cli.Tests.TestSupport;

/// <summary>Small, distinct checkpoints for the store and pipeline tests: each epoch's state and counters say which epoch it is.</summary>
public static class SampleCheckpoints
{
    /// <summary>The checkpoint after epoch <paramref name="epoch"/> of a made-up run.</summary>
    public static Checkpoint At(int epoch)
    {
        var state = new StateWriter();
        state.Integer("epoch", epoch);
        return new Checkpoint(epoch, new SortedDictionary<string, string> { ["seed"] = "0" }, false, false, 100 * epoch, 0,
            new RunTally(epoch, 64 * epoch, 1.0, 2.0), 0.5 * epoch, state.Build());
    }
}
