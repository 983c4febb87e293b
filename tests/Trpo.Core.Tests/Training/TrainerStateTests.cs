using Trpo.Core.Environments;
using Trpo.Core.State;
using Trpo.Core.Tracing;
using Trpo.Core.Training;

namespace Trpo.Core.Tests.Training;

/// <summary>
/// A trainer restored from a captured state goes on bit for bit like the one it was captured from, on every
/// built-in environment under both presets. A part of the engine whose state is not captured makes these fail.
/// </summary>
public class TrainerStateTests
{
    /// <summary>Small but complete: two environments (lockstep, separate streams), episodes crossing epoch ends, minibatch critic under sb3.</summary>
    /// <summary>Under <c>zoo</c> Acrobot and both MountainCars normalise observations and rewards, so their normaliser is checked too.</summary>
    private static TrpoOptions Small(string preset, string env = "CartPole-v1") => preset == GsdePreset
        ? Small("sb3") with { UseSde = true, SdeSampleFreq = 4 }
        : Presets.For(preset, env)! with
        {
            StepsPerEpoch = 192, NumEnvs = 2, HiddenSizes = [8], TrainVIters = 3, VfBatchSize = preset == "spinningup" ? 0 : 64,
        };

    /// <summary>The sb3 preset with gSDE on, sde_sample_freq 4 (rl-baselines3-zoo's setting for the two tasks below).</summary>
    private const string GsdePreset = "sb3+gsde";

    public static TheoryData<string, string> EveryEnvironmentAndPreset()
    {
        var data = new TheoryData<string, string>();
        foreach (var env in EnvironmentRegistry.Ids)
        foreach (var preset in Presets.Names)
            if (Presets.For(preset, env) is not null) data.Add(env, preset);
        // gSDE: the exploration matrices' streams are state (the matrices themselves are drawn afresh every rollout)
        data.Add("Pendulum-v1", GsdePreset);
        data.Add("MountainCarContinuous-v0", GsdePreset);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryEnvironmentAndPreset))]
    public void ARestoredTrainer_ContinuesBitForBitLikeTheUninterruptedOne(string env, string preset)
    {
        var options = Small(preset, env);
        var original = new Trainer(options, env, 11) { RecordTrace = true };
        for (int i = 0; i < 2; i++) original.RunEpoch();
        var saved = original.CaptureState();

        var resumed = new Trainer(options, env, 11) { RecordTrace = true };
        resumed.RestoreState(saved);
        Assert.Equal(saved, resumed.CaptureState());
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(original.RunEpoch(), resumed.RunEpoch());
            Assert.Equal(TraceText.FormatEpoch(original.LastTrace!), TraceText.FormatEpoch(resumed.LastTrace!));
        }
        var finalOriginal = original.CaptureState();
        Assert.True(finalOriginal.Equals(resumed.CaptureState()), finalOriginal.FirstDifference(resumed.CaptureState()));
    }

    [Theory]
    [MemberData(nameof(EveryEnvironmentAndPreset))]
    public void EveryCapturedEntry_Matters_LeavingAnyOneAtItsFreshValueChangesTheContinuation(string env, string preset)
    {
        // The converse of the test above: no entry is dead weight. Restoring every entry but one (that one keeps the
        // value a freshly built trainer has) must change what the trainer computes next or the state it ends in.
        // A step count only matters near the time limit (a fresh 0 and a saved 37 both end by termination first),
        // so that entry is instead put one step short of the limit.
        var options = Small(preset, env);
        var original = new Trainer(options, env, 12);
        for (int i = 0; i < 2; i++) original.RunEpoch();
        var saved = original.CaptureState();
        var fresh = new Trainer(options, env, 12).CaptureState();
        var expectedReports = Enumerable.Range(0, 2).Select(_ => original.RunEpoch()).ToList();
        var expectedEnd = original.CaptureState();

        foreach (var entry in saved.Entries)
        {
            var freshEntry = entry.Key.EndsWith(".elapsed_steps", StringComparison.Ordinal)
                ? StateEntry.Of(entry.Key, [(long)original.Spec.MaxEpisodeSteps - 1])
                : fresh.Find(entry.Key)!;
            if (entry.Equals(freshEntry)) continue; // nothing moved yet (e.g. no skipped value steps)
            var mixed = new EngineState(saved.Entries.Select(e => e.Key == entry.Key ? freshEntry : e));
            var trainer = new Trainer(options, env, 12);
            trainer.RestoreState(mixed);
            var reports = Enumerable.Range(0, 2).Select(_ => trainer.RunEpoch()).ToList();
            bool same = reports.SequenceEqual(expectedReports) && trainer.CaptureState().Equals(expectedEnd);
            Assert.False(same, $"leaving '{entry.Key}' unrestored changed nothing");
        }
    }

    [Fact]
    public void CaptureState_IsACopy_RunningOnDoesNotChangeIt()
    {
        var trainer = new Trainer(Small("spinningup"), "CartPole-v1", 3);
        trainer.RunEpoch();
        var saved = trainer.CaptureState();
        var again = trainer.CaptureState();
        trainer.RunEpoch();
        Assert.Equal(again, saved);
        Assert.NotEqual(saved, trainer.CaptureState());
    }

    [Fact]
    public void TheState_NamesEveryPart()
    {
        var keys = new Trainer(Small("sb3"), "Pendulum-v1", 0).CaptureState().Entries.Select(e => e.Key).ToList();
        Assert.Equal(
            ["counters.epoch", "counters.env_steps", "policy.theta", "value.phi", "value.adam.m", "value.adam.v", "value.adam.beta_powers",
             "value.adam.steps", "value.skipped_steps", "minibatch_rng.s", "rollout.environments"],
            keys.Take(11));
        Assert.Equal(
            ["state", "elapsed_steps", "reset_pcg64", "action_rng.s", "episode_return", "episode_length", "observation"],
            keys.Where(k => k.StartsWith("rollout.env1.", StringComparison.Ordinal)).Select(k => k["rollout.env1.".Length..]));
    }

    [Fact]
    public void ANormalisingRun_CapturesItsNormaliser_AndAPlainRunRefusesThoseEntries()
    {
        var options = Small("zoo", "Acrobot-v1");
        Assert.True(options.NormalizeObs && options.NormalizeReward);
        var saved = new Trainer(options, "Acrobot-v1", 0).CaptureState();
        Assert.Equal(
            ["obs.mean", "obs.var", "obs.count", "ret.mean", "ret.var", "ret.count", "returns"],
            saved.Entries.Select(e => e.Key).Where(k => k.StartsWith("rollout.normalizer.", StringComparison.Ordinal)).Select(k => k["rollout.normalizer.".Length..]));
        var plain = new Trainer(options with { NormalizeObs = false, NormalizeReward = false }, "Acrobot-v1", 0);
        Assert.Contains("rollout.normalizer", Assert.Throws<IncompatibleStateException>(() => plain.RestoreState(saved)).Message);
    }

    [Fact]
    public void RestoringIntoATrainerWithAnotherNetwork_IsRejected()
    {
        var saved = new Trainer(Small("spinningup"), "CartPole-v1", 0).CaptureState();
        var other = new Trainer(Small("spinningup") with { HiddenSizes = [9] }, "CartPole-v1", 0);
        var ex = Assert.Throws<IncompatibleStateException>(() => other.RestoreState(saved));
        Assert.Contains("policy.theta", ex.Message);
    }

    [Fact]
    public void RestoringIntoATrainerWithAnotherEnvironmentCount_IsRejected()
    {
        var saved = new Trainer(Small("spinningup"), "CartPole-v1", 0).CaptureState();
        var other = new Trainer(Small("spinningup") with { NumEnvs = 1 }, "CartPole-v1", 0);
        Assert.Contains("2 environments", Assert.Throws<IncompatibleStateException>(() => other.RestoreState(saved)).Message);
    }

    [Fact]
    public void RestoringAStateWithAnUnknownEntry_IsRejected()
    {
        var saved = new Trainer(Small("spinningup"), "CartPole-v1", 0).CaptureState();
        var withExtra = new EngineState([.. saved.Entries, StateEntry.Of("normalizer.mean", [0.0])]);
        var trainer = new Trainer(Small("spinningup"), "CartPole-v1", 0);
        Assert.Contains("normalizer.mean", Assert.Throws<IncompatibleStateException>(() => trainer.RestoreState(withExtra)).Message);
    }
}
