using System.Globalization;
using System.Text.Json.Nodes;
using Trpo.Cli.Output;
using Trpo.Cli.Plotting;

namespace Trpo.Golden.Tests.Plots;

/// <summary>
/// Made-up runs for the snapshots of the figures the CLI builds: CartPole-like learning curves and diagnostics
/// from rational formulas (no transcendentals, so the numbers are the same on every platform), with a
/// seed-dependent wiggle.
/// </summary>
public static class SyntheticRuns
{
    /// <summary>A run of <paramref name="epochs"/> epochs for <paramref name="seed"/> and <paramref name="delta"/>.</summary>
    public static RunRecord Run(int seed, double delta = 0.01, int epochs = 20)
    {
        string config = $$"""{"backtrack_iters": 10, "delta": {{delta.ToString(CultureInfo.InvariantCulture)}}, "env": "CartPole-v1", "epochs": {{epochs}}, "preset": "spinningup", "seed": {{seed}}, "steps_per_epoch": 4000}""";
        string name = $"CartPole-v1__spinningup__seed{seed}";
        return new RunRecord($"/runs/{name}", $"runs/{name}", Table(seed, delta, epochs), (JsonObject)JsonNode.Parse(config)!, null);
    }

    private static ProgressTable Table(int seed, double delta, int epochs)
    {
        var header = ProgressColumns.All.Select(c => c.Name).ToList();
        var rows = new List<IReadOnlyList<string>>();
        for (int k = 1; k <= epochs; k++)
        {
            double wiggle = ((k * 7 + seed * 13) % 11 - 5) / 5.0;  // in [-1, 1]
            double speed = delta * 20;
            double mean = Math.Min(500, 500 - 480 / (1 + speed * 0.15 * k) + 25 * wiggle);
            var cells = new Dictionary<string, string>
            {
                ["epoch"] = I(k),
                ["env_steps"] = I(k * 4000),
                ["episodes"] = I(Math.Max(8, (int)(4000 / mean))),
                ["return_mean"] = R(mean),
                ["return_std"] = R(mean / 5),
                ["return_min"] = R(Math.Max(8, mean * (0.6 + 0.02 * wiggle))),
                ["return_max"] = R(Math.Min(500, mean * 1.3)),
                ["length_mean"] = R(mean),
                ["kl"] = R(delta * (0.75 + 0.2 * wiggle)),
                ["entropy"] = R(0.69 - 0.18 * k / (k + 5)),
                ["surrogate_improvement"] = R(0.02 / (1 + 0.1 * k) * (1.1 + wiggle / 2)),
                ["backtracks"] = I(k % 7 == 3 ? 2 : k % 5 == 0 ? 1 : 0),
                ["accepted_step_fraction"] = R(k % 7 == 3 ? 0.64 : k % 5 == 0 ? 0.8 : 1),
                ["cg_residual"] = R(1e-12 * (1 + k % 4) * (1 + seed)),
                ["curvature"] = R(0.03 / (1 + 0.2 * k) * (1.2 + wiggle / 3)),
                ["value_loss"] = R(150 / (1 + 0.05 * k * k)),
                ["explained_variance"] = R(1 - 1.5 / (1 + 0.3 * k)),
                ["skip_reason"] = "",
                ["wall_seconds"] = R(0.5 * k),
            };
            rows.Add(header.Select(h => cells[h]).ToList());
        }
        return ProgressTable.FromRows(header, rows);
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string R(double value) => RoundTrip.Format(value);
}
