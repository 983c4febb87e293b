using Trpo.Core.Environments;
using Trpo.Core.Numerics;
using Trpo.Core.State;
using Trpo.Core.Tracing;
using Trpo.Core.Training;

namespace Trpo.Core.Tests.Training;

/// <summary>
/// On two threads an <c>sb3</c>-style trainer collects the next epoch's batch while the value fit runs (RolloutAhead).
/// Nothing a caller can see may differ from the one-thread trainer, which never collects ahead: reports, traces,
/// parameters, and the state a checkpoint records after every epoch.
/// </summary>
public class RolloutAheadTests
{
    /// <summary>Small, two environments (so episodes and the collector's state cross epoch ends), minibatch critic.</summary>
    private static TrpoOptions Small(string env = "CartPole-v1") => Presets.For("sb3", env)! with
    {
        StepsPerEpoch = 192, NumEnvs = 2, HiddenSizes = [8], TrainVIters = 3, VfBatchSize = 64,
    };

    /// <summary>Counts the rollouts a trainer announces.</summary>
    private sealed class RolloutCounter : IEpochPhaseObserver
    {
        private int _rollouts;
        public int Rollouts => Volatile.Read(ref _rollouts);
        public void PhaseStarted(EpochPhase phase) { if (phase == EpochPhase.Rollout) Interlocked.Increment(ref _rollouts); }
        public void PhaseEnded(EpochPhase phase) { }
    }

    [Theory]
    [InlineData("CartPole-v1")]
    [InlineData("Pendulum-v1")]
    public void TwoThreads_CollectAhead_AndMatchOneThreadInEveryReportTraceAndCheckpoint(string env)
    {
        var options = Small(env);
        var alone = new Trainer(options, env, 5, threads: 1) { RecordTrace = true };
        var counter = new RolloutCounter();
        var ahead = new Trainer(options, env, 5, threads: 2) { RecordTrace = true, PhaseObserver = counter };
        for (int epoch = 1; epoch <= 4; epoch++)
        {
            Assert.Equal(alone.RunEpoch(), ahead.RunEpoch());
            Assert.Equal(TraceText.FormatEpoch(alone.LastTrace!), TraceText.FormatEpoch(ahead.LastTrace!));
            var expected = alone.CaptureState();
            var actual = ahead.CaptureState();
            Assert.True(expected.Equals(actual), $"epoch {epoch}: {expected.FirstDifference(actual)}");
            // really collected ahead: the first epoch collected its own batch and the next one, every later epoch only the next
            Assert.Equal(epoch + 1, counter.Rollouts);
        }
    }

    [Fact]
    public void ParametersWrittenBetweenEpochs_DiscardTheBatchCollectedAhead()
    {
        var options = Small();
        var alone = new Trainer(options, "CartPole-v1", 9, threads: 1);
        var ahead = new Trainer(options, "CartPole-v1", 9, threads: 2);
        for (int epoch = 1; epoch <= 4; epoch++)
        {
            Assert.Equal(alone.RunEpoch(), ahead.RunEpoch());
            // a caller nudges θ: the batch collected with the old θ must not be used, and the collector goes back
            alone.PolicyParameters[0] += 0.25;
            ahead.PolicyParameters[0] += 0.25;
        }
        Assert.Equal(alone.RunEpoch(), ahead.RunEpoch());
        var expected = alone.CaptureState();
        Assert.True(expected.Equals(ahead.CaptureState()), expected.FirstDifference(ahead.CaptureState()));
    }

    [Fact]
    public void RestoringATrainerThatCollectedAhead_GoesOnFromTheRestoredState()
    {
        var options = Small();
        var alone = new Trainer(options, "CartPole-v1", 3, threads: 1);
        for (int i = 0; i < 2; i++) alone.RunEpoch();
        var saved = alone.CaptureState();

        // this trainer is at another epoch with a batch waiting; the restore must forget it
        var ahead = new Trainer(options, "CartPole-v1", 3, threads: 2);
        for (int i = 0; i < 3; i++) ahead.RunEpoch();
        ahead.RestoreState(saved);
        Assert.Equal(saved, ahead.CaptureState());
        for (int i = 0; i < 3; i++) Assert.Equal(alone.RunEpoch(), ahead.RunEpoch());
        Assert.Equal(alone.CaptureState(), ahead.CaptureState());
    }

    /// <summary>CartPole that throws from one global step on (a broken user environment).</summary>
    private sealed class FailingCartPole(StepCounter counter, int failFrom) : IEnvironment
    {
        private readonly CartPole _inner = new();
        public EnvironmentSpec Spec => _inner.Spec;
        public int ElapsedSteps => _inner.ElapsedSteps;
        public void Reset(IRandomSource random, Span<double> observation) => _inner.Reset(random, observation);
        public StepResult Step(ReadOnlySpan<double> action, Span<double> observation)
            => counter.Next() >= failFrom ? throw new InvalidOperationException("environment broke") : _inner.Step(action, observation);
        public double[] GetState() => _inner.GetState();
        public void SetState(ReadOnlySpan<double> state, int elapsedSteps) => _inner.SetState(state, elapsedSteps);
        public void Observe(Span<double> observation) => _inner.Observe(observation);
    }

    private sealed class StepCounter
    {
        private int _steps;
        public int Next() => Interlocked.Increment(ref _steps);
    }

    [Fact]
    public void AnEnvironmentFailingWhileCollectingAhead_FailsTheNextEpoch_AsWithoutCollectingAhead()
    {
        var options = Small();
        // 192 steps per epoch: the third batch's first step fails, i.e. while epoch 2 collects ahead on two threads
        var counterAlone = new StepCounter();
        var counterAhead = new StepCounter();
        var alone = new Trainer(options, "CartPole-v1", 1, threads: 1, () => new FailingCartPole(counterAlone, 2 * 192 + 1));
        var ahead = new Trainer(options, "CartPole-v1", 1, threads: 2, () => new FailingCartPole(counterAhead, 2 * 192 + 1));
        for (int epoch = 1; epoch <= 2; epoch++) Assert.Equal(alone.RunEpoch(), ahead.RunEpoch());
        var stateAlone = alone.CaptureState();
        Assert.True(stateAlone.Equals(ahead.CaptureState()), stateAlone.FirstDifference(ahead.CaptureState()));
        Assert.Equal("environment broke", Assert.Throws<InvalidOperationException>(() => alone.RunEpoch()).Message);
        Assert.Equal("environment broke", Assert.Throws<InvalidOperationException>(() => ahead.RunEpoch()).Message);
    }

    [Fact]
    public void ANormalisingRun_DoesNotCollectAhead_SoItsStatisticsBetweenEpochsAreThoseOfTheEpoch()
    {
        var options = Small() with { NormalizeObs = true };
        var counter = new RolloutCounter();
        var ahead = new Trainer(options, "CartPole-v1", 2, threads: 2) { PhaseObserver = counter };
        var alone = new Trainer(options, "CartPole-v1", 2, threads: 1);
        for (int epoch = 1; epoch <= 2; epoch++)
        {
            Assert.Equal(alone.RunEpoch(), ahead.RunEpoch());
            Assert.Equal(epoch, counter.Rollouts);
            Assert.Equal(alone.CaptureState(), ahead.CaptureState());
        }
    }

    [Fact]
    public void OneThread_NeverCollectsAhead()
    {
        var counter = new RolloutCounter();
        var trainer = new Trainer(Small(), "CartPole-v1", 0, threads: 1) { PhaseObserver = counter };
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            trainer.RunEpoch();
            Assert.Equal(epoch, counter.Rollouts);
        }
    }

    [Fact]
    public void StateWriterEntries_WritesACapturedPartUnderTheWritersPrefix()
    {
        var part = new StateWriter();
        part.Doubles("x", [1.5, -0.0]);
        part.Scope("inner").Integer("n", 7);
        var root = new StateWriter();
        root.Scope("outer").Entries(part.Build());
        var state = root.Build();
        Assert.Equal(["outer.x", "outer.inner.n"], state.Entries.Select(e => e.Key));
        Assert.Equal([1.5, -0.0], state.Find("outer.x")!.Doubles.ToArray());
        Assert.Equal(7, state.Find("outer.inner.n")!.Integers[0]);
    }
}
