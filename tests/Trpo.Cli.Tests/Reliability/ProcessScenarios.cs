using System.Collections.Concurrent;
using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Reliability;

/// <summary>The real-process tests share one <see cref="ProcessScenarios"/> and run one at a time (they are CPU-bound child processes).</summary>
[CollectionDefinition(Name)]
public sealed class ProcessTestCollection : ICollectionFixture<ProcessScenarios>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "trpo child processes";
}

/// <summary>
/// Tiny runs for the real-process crash and signal tests (64 steps an epoch, an 8-unit network, --trace so that
/// trace.txt is covered too), each with its uninterrupted reference run, made once per test run and shared.
/// </summary>
public sealed class ProcessScenarios : IDisposable
{
    /// <summary>Discrete actions, terminations inside the batch, full-batch critic.</summary>
    public static readonly string[] CartPole =
        ["train", "--env", "CartPole-v1", "--epochs", "8", "--set", "steps_per_epoch=64", "--set", "hidden_sizes=8", "--set", "train_v_iters=2", "--trace"];

    /// <summary>Gaussian policy, two environments in lockstep, minibatch critic (sb3 preset).</summary>
    public static readonly string[] Pendulum =
        ["train", "--env", "Pendulum-v1", "--preset", "sb3", "--epochs", "6", "--set", "steps_per_epoch=64", "--set", "num_envs=2",
         "--set", "hidden_sizes=8", "--set", "train_v_iters=2", "--set", "vf_batch_size=32", "--trace"];

    /// <summary>As <see cref="Pendulum"/> with gSDE (use_sde): the exploration matrices' streams are part of the state.</summary>
    public static readonly string[] PendulumGsde =
        [.. Pendulum, "--set", "use_sde=true", "--set", "sde_sample_freq=4"];

    private readonly ConcurrentDictionary<string, Lazy<string>> _references = new();

    /// <summary>Where the reference runs live.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "trpo-cli-tests", "references-" + Guid.NewGuid().ToString("N"));

    /// <summary>The folder of the uninterrupted run of <paramref name="trainArgs"/> (made on first use, as a real process).</summary>
    public string Reference(string[] trainArgs)
        => _references.GetOrAdd(string.Join(' ', trainArgs), key => new Lazy<string>(() =>
        {
            // the tests resume into a folder called "run", and the plots name a run after its folder
            var name = Path.Combine("ref" + _references.Count, "run");
            Directory.CreateDirectory(Root);
            var result = CliProcess.Run(Root, null, [.. trainArgs, "--out", name]);
            Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
            return Path.Combine(Root, name);
        })).Value;

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
