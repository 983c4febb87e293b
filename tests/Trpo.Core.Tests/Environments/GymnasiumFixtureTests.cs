using System.Globalization;
using Trpo.Core.Environments;

namespace Trpo.Core.Tests.Environments;

/// <summary>
/// Compares the ports with trajectories recorded from real Gymnasium, checked in under <c>Environments/Fixtures</c>.
/// </summary>
/// <remarks>
/// <para>How the fixtures were made (the generator is not part of the repository): Gymnasium v1.3.0
/// (commit 53bf3e9a884783eb72ad3fc8b15780914c97c3e1) on Debian's Python 3.11 / NumPy 1.24.2, run with
/// <c>NPY_DISABLE_CPU_FEATURES="AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL"</c> so that
/// <c>np.sin</c>/<c>np.cos</c> fall back to glibc's libm (NumPy's AVX512 kernels differ from libm by 1–3 ulp).
/// For each trajectory: <c>env = gym.make(id)</c>, <c>env.reset(seed=0)</c>, then
/// <c>env.unwrapped.state = np.array(start, dtype=np.float64)</c>, then <c>env.step(a)</c> until terminated or
/// truncated; each row holds <c>repr</c> of the float64 state (<c>env.unwrapped.state</c>), the float32
/// observation as float64 <c>repr</c>, the reward, terminated and truncated. Step 0 is the start state.
/// CartPole: "balance" (a linear controller on the observation; runs to truncation at 500), "pattern" (a
/// fixed periodic action pattern) and "right" (always 1); both terminate. Pendulum (actions passed as float64
/// arrays): "swing" (3 sin(0.13 t), so torques beyond ±2 are clipped), "bang" (±2 in blocks of 10: spins,
/// angular speed reaches the ±8 clip) and "drift" (-0.37 + 0.001 t); all truncate at 200.</para>
/// <para>Tolerances: states and rewards within <see cref="RelativeTolerance"/> of Gymnasium, relative (with
/// a floor of <see cref="AbsoluteFloor"/> for values near zero), observations and episode ends exactly. The
/// tolerance leaves room for <c>DetMath</c>'s sine and cosine to differ from glibc's by an ulp; with glibc's
/// every state (one-step and whole rollouts) agrees bit for bit (measured with the glibc-backed placeholder).
/// Rewards may differ by an ulp: Gymnasium's Pendulum squares NumPy float64 scalars with <c>**2</c>, which calls
/// C <c>pow</c>, and glibc's pow is occasionally 1 ulp away from the correctly rounded x*x we use ("swing"
/// step 90). Rollouts amplify an ulp through the unstable upright equilibrium (about e^(4 t / s) for
/// CartPole: perturbing cos/sin by 1 ulp every step gives relative errors ~1e-10 after 100 steps, ~2e-8 after
/// 200, ~5e-4 after 300), so rollouts are compared with <see cref="RolloutTolerance"/> over the first
/// <see cref="RolloutSteps"/> steps only; exactness is left to the one-step checks.</para>
/// </remarks>
public class GymnasiumFixtureTests
{
    /// <summary>One step from the same float64 state: only an ulp of sin/cos separates us from Gymnasium.</summary>
    private const double RelativeTolerance = 1e-12;

    /// <summary>Absolute floor for values near zero: a few ulps of the O(1) terms the value was computed from.</summary>
    private const double AbsoluteFloor = 1e-15;

    /// <summary>Rollouts of <see cref="RolloutSteps"/> steps: an ulp per step grows to ~2e-8 at most (see remarks).</summary>
    private const double RolloutTolerance = 1e-6;

    /// <summary>Steps of each rollout that are compared (Pendulum trajectories have 200; CartPole's "balance" has 500).</summary>
    private const int RolloutSteps = 200;

    private sealed record Row(string Trajectory, int Step, double Action, double[] State, double[] Observation, double Reward, bool Terminated, bool Truncated);

    private static List<Row> Load(string file, int stateSize, int observationSize)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Environments", "Fixtures", file);
        var rows = new List<Row>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0) continue;
            string[] f = line.Split(',');
            static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
            int step = int.Parse(f[1], CultureInfo.InvariantCulture);
            int k = 3;
            double[] state = [.. f.Skip(k).Take(stateSize).Select(D)];
            k += stateSize;
            double[] obs = [.. f.Skip(k).Take(observationSize).Select(D)];
            k += observationSize;
            rows.Add(step == 0
                ? new Row(f[0], 0, double.NaN, state, obs, double.NaN, false, false)
                : new Row(f[0], step, D(f[2]), state, obs, D(f[k]), f[k + 1] == "1", f[k + 2] == "1"));
        }
        return rows;
    }

    private static void AssertClose(double expected, double actual, double tolerance, string what)
    {
        double allowed = Math.Max(tolerance * Math.Abs(expected), AbsoluteFloor);
        Assert.True(Math.Abs(actual - expected) <= allowed,
            $"{what}: expected {expected:R}, actual {actual:R}, difference {Math.Abs(actual - expected):E3} > {allowed:E3}");
    }

    public static TheoryData<string> CartPoleTrajectories => new() { "balance", "pattern", "right" };
    public static TheoryData<string> PendulumTrajectories => new() { "swing", "bang", "drift" };

    private static void CheckOneStep(Func<IEnvironment> create, List<Row> rows, int observationSize)
    {
        Assert.NotEmpty(rows);
        var env = create();
        var obs = new double[observationSize];
        for (int i = 1; i < rows.Count; i++)
        {
            Row before = rows[i - 1], after = rows[i];
            Assert.Equal(before.Step + 1, after.Step);
            env.SetState(before.State, before.Step);
            var r = env.Step([after.Action], obs);
            string at = $"{after.Trajectory} step {after.Step}";
            double[] state = env.GetState();
            for (int j = 0; j < state.Length; j++) AssertClose(after.State[j], state[j], RelativeTolerance, $"{at} state[{j}]");
            Assert.Equal(after.Observation, obs);
            AssertClose(after.Reward, r.Reward, RelativeTolerance, $"{at} reward");
            Assert.Equal(after.Terminated, r.Terminated);
            Assert.Equal(after.Truncated, r.Truncated);
        }
        Assert.True(rows[^1].Terminated || rows[^1].Truncated, "every fixture trajectory ends");
    }

    private static void CheckRollout(Func<IEnvironment> create, List<Row> rows, int observationSize)
    {
        var env = create();
        var obs = new double[observationSize];
        env.SetState(rows[0].State, 0);
        for (int i = 1; i < rows.Count && i <= RolloutSteps; i++)
        {
            Row expected = rows[i];
            var r = env.Step([expected.Action], obs);
            double[] state = env.GetState();
            string at = $"{expected.Trajectory} rollout step {expected.Step}";
            for (int j = 0; j < state.Length; j++) AssertClose(expected.State[j], state[j], RolloutTolerance, $"{at} state[{j}]");
            Assert.Equal(expected.Terminated, r.Terminated);
            Assert.Equal(expected.Truncated, r.Truncated);
            Assert.Equal(expected.Step, env.ElapsedSteps);
        }
    }

    private static List<Row> CartPoleRows(string name)
        => [.. Load("gymnasium-1.3.0-cartpole-v1.csv", 4, 4).Where(r => r.Trajectory == name)];

    private static List<Row> PendulumRows(string name)
        => [.. Load("gymnasium-1.3.0-pendulum-v1.csv", 2, 3).Where(r => r.Trajectory == name)];

    [Theory]
    [MemberData(nameof(CartPoleTrajectories))]
    public void CartPole_EachStepFromARecordedState_MatchesGymnasium(string trajectory)
        => CheckOneStep(() => new CartPole(), CartPoleRows(trajectory), 4);

    [Theory]
    [MemberData(nameof(CartPoleTrajectories))]
    public void CartPole_RolloutFromTheRecordedStart_FollowsGymnasium(string trajectory)
        => CheckRollout(() => new CartPole(), CartPoleRows(trajectory), 4);

    [Theory]
    [MemberData(nameof(PendulumTrajectories))]
    public void Pendulum_EachStepFromARecordedState_MatchesGymnasium(string trajectory)
        => CheckOneStep(() => new Pendulum(), PendulumRows(trajectory), 3);

    [Theory]
    [MemberData(nameof(PendulumTrajectories))]
    public void Pendulum_RolloutFromTheRecordedStart_FollowsGymnasium(string trajectory)
        => CheckRollout(() => new Pendulum(), PendulumRows(trajectory), 3);

    [Fact]
    public void Fixtures_StartStateObservations_AreFloat32RoundingsOfTheState()
    {
        foreach (var row in Load("gymnasium-1.3.0-cartpole-v1.csv", 4, 4).Where(r => r.Step == 0))
        {
            Assert.Equal(row.State.Select(v => (double)(float)v).ToArray(), row.Observation);
        }
    }
}
