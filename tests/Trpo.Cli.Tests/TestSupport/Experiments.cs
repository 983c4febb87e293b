namespace Trpo.Cli.Tests.TestSupport;

/// <summary>Experiment files for batch tests.</summary>
public static class Experiments
{
    /// <summary>
    /// A 2 env × 2 lam × 2 seed grid with a real-engine budget small enough for the default test run:
    /// 2 epochs of 128 steps, a 4-unit network, one value step.
    /// </summary>
    public const string Tiny = """
        {
          "name": "tiny",
          "preset": "sb3",
          "overrides": { "steps_per_epoch": 128, "hidden_sizes": [4], "train_v_iters": 1, "cg_iters": 3 },
          "environments": ["Pendulum-v1", "CartPole-v1"],
          "seeds": [1, 0],
          "grid": { "lam": [0.97, 0.9] },
          "budget": { "epochs": 2 }
        }
        """;

    /// <summary>An experiment with <paramref name="body"/>'s keys over a valid minimal one (name, one env, one seed, 1 epoch).</summary>
    public static string With(string body)
        => "{ \"name\": \"x\", \"environments\": [\"CartPole-v1\"], \"seeds\": [0], \"budget\": {\"epochs\": 1}" + (body.Length > 0 ? ", " + body : "") + " }";
}
