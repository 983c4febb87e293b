using Trpo.Core.Training;

namespace Trpo.Core.Tracing;

/// <summary>
/// A small fixed experiment whose full trace is checked in under <c>golden/&lt;Name&gt;/trace.txt</c> and must
/// be reproduced bit for bit.
/// </summary>
/// <param name="Name">Folder name under golden/.</param>
/// <param name="EnvironmentId">Environment.</param>
/// <param name="Preset">Preset the options start from (recorded for readers).</param>
/// <param name="Options">The resolved hyperparameters.</param>
/// <param name="Seed">Run seed.</param>
/// <param name="Epochs">Epochs to run.</param>
/// <param name="Purpose">What the scenario covers, in one line.</param>
public sealed record GoldenScenario(string Name, string EnvironmentId, string Preset, TrpoOptions Options, ulong Seed, int Epochs, string Purpose)
{
    /// <summary>The trace's meta lines: the scenario and every hyperparameter.</summary>
    public IEnumerable<KeyValuePair<string, string>> Meta()
    {
        yield return new("scenario", Name);
        yield return new("purpose", Purpose);
        foreach (var kv in TraceText.RunMeta(EnvironmentId, Preset, Seed, Epochs, Options)) yield return kv;
    }

    /// <summary>Runs the scenario with up to <paramref name="threads"/> threads and returns its trace text.</summary>
    public string Run(int threads = 1)
    {
        var trainer = new Trainer(Options, EnvironmentId, Seed, threads) { RecordTrace = true };
        var text = new System.Text.StringBuilder(TraceText.FormatHeader(Meta()));
        for (int e = 0; e < Epochs; e++)
        {
            trainer.RunEpoch();
            text.Append(TraceText.FormatEpoch(trainer.LastTrace!));
        }
        return text.ToString();
    }
}
