using System.Globalization;
using Trpo.Core.Environments;
using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Environments;

/// <summary>
/// Seeded resets against Gymnasium 1.3.0 itself: <c>Fixtures/gymnasium-1.3.0-resets.csv</c> holds, for every
/// classic-control env and seeds 0, 1, 7, 123, 2^32 − 1 and 2^32 + 2, the float64 state
/// (<c>env.unwrapped.state</c>) and the float32 observation after <c>env.reset(seed=s)</c> and four further
/// <c>env.reset()</c> calls, all printed with <c>repr</c>. How it was made is in <c>Fixtures/README.md</c>.
/// </summary>
public sealed class GymnasiumResetTests
{
    private sealed record ResetRow(string Env, ulong Seed, int Reset, double[] State, double[] Observation);

    private static readonly Lazy<List<ResetRow>> Rows = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Environments", "Fixtures", "gymnasium-1.3.0-resets.csv");
        static double[] Doubles(string field) => [.. field.Split(' ').Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture))];
        return [.. File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .Select(f => new ResetRow(f[0], ulong.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), Doubles(f[3]), Doubles(f[4])))];
    });

    public static TheoryData<string> EnvironmentIds => new() { CartPole.Id, Pendulum.Id, Acrobot.Id, MountainCar.Id, MountainCarContinuous.Id };

    [Theory]
    [MemberData(nameof(EnvironmentIds))]
    public void ConsecutiveSeededResets_GiveGymnasiumsStatesAndObservations_BitForBit(string id)
    {
        var rows = Rows.Value.Where(r => r.Env == id).ToList();
        Assert.Equal(30, rows.Count);
        foreach (var seedRows in rows.GroupBy(r => r.Seed))
        {
            var env = EnvironmentRegistry.Create(id);
            var random = NumPyGenerator.FromSeed(seedRows.Key);
            var obs = new double[env.Spec.ObservationSize];
            foreach (var row in seedRows.OrderBy(r => r.Reset))
            {
                env.Reset(random, obs);
                Assert.Equal(row.State, env.GetState());
                Assert.Equal(row.Observation, obs);
            }
        }
    }

    [Fact]
    public void CartPoleResetWithSeed123_MatchesTheObservationInGymnasiumsDocstring()
    {
        // gymnasium/envs/classic_control/cartpole.py (v1.3.0) documents
        // env.reset(seed=123, options={"low": -0.1, "high": 0.1}) -> [0.03647037, -0.0892358, -0.05592803, -0.06312564]
        // (printed to 8 digits). The same generator draws with the default bounds +-0.05 are our reset's.
        double[] documented = [0.03647037, -0.0892358, -0.05592803, -0.06312564];
        var generator = NumPyGenerator.FromSeed(123);
        double[] wide = [.. Enumerable.Range(0, 4).Select(_ => (double)(float)generator.NextUniform(-0.1, 0.1))];
        for (int i = 0; i < 4; i++) Assert.Equal(documented[i], wide[i], 5e-9);

        var env = new CartPole();
        var obs = new double[4];
        env.Reset(NumPyGenerator.FromSeed(123), obs);
        double[] halved = [0.01823519, -0.0446179, -0.02796401, -0.03156282]; // printed by Gymnasium 1.3.0 with the default bounds
        for (int i = 0; i < 4; i++) Assert.Equal(halved[i], obs[i], 5e-9);
    }
}
