using Trpo.Core.Environments;
using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Environments;

/// <summary>
/// CartPoleSwingUp-v0. Known values come from an independent plain-Python script (Python floats, glibc's
/// math.sin/cos/exp/log): Gymnasium CartPole's accelerations, one RK4 step of 0.02 s with the stage states
/// s + dt/2 k1, s + dt/2 k2, s + dt k3 and s + dt/6 (k1 + 2k2 + 2k3 + k4), and DM Control's swing-up reward at
/// the new state. The script evaluates θ̇² sin θ in a different order, so values agree to about 1e-15, not bit for bit.
/// </summary>
public sealed class CartPoleSwingUpTests
{
    private const double Tolerance = 1e-14;

    private static void AssertClose(double expected, double actual)
        => Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1.0, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    public static TheoryData<double[], double, double[], double, bool> KnownSteps => new()
    {
        // hanging still, full push right: the cart accelerates at F/(m_c + m_p (1 - 3/4)) ≈ 9.76 m/s², the pole swings
        { [0.0, 0.0, Math.PI, 0.0], 1.0, [0.0019511493501090916, 0.19510787819655886, 3.1445179424245655, 0.29237467493696495], 1.704748917411188e-06, false },
        { [0.3, -0.4, 2.5, 1.7], -0.35, [0.2914174305887111, -0.4582869438182068, 2.5350261893715587, 1.8008922418151958], 0.07396791905717034, false },
        { [-1.2, 0.8, 0.2, -3.0], 0.6, [-1.1828411310770386, 0.9159818643261066, 0.13881564602978658, -3.1218311763712228], 0.47021436068942507, false },
        // a = 2 is clipped to 1 (force 10 N, small_control 4/5); the cart crosses x = 1.8 and the episode ends
        { [1.79, 2.0, -0.1, 0.5], 2.0, [1.8319635656290185, 2.196347340764952, -0.09321676776898899, 0.17863597230702044], 0.4562832268396988, true },
    };

    [Theory]
    [MemberData(nameof(KnownSteps))]
    public void Step_FromAGivenState_MatchesTheIndependentScript(double[] state, double action, double[] expected, double expectedReward, bool terminated)
    {
        var env = new CartPoleSwingUp();
        env.SetState(state, 0);
        var observation = new double[5];

        var result = env.Step([action], observation);

        var next = env.GetState();
        for (int i = 0; i < 4; i++) AssertClose(expected[i], next[i]);
        AssertClose(expectedReward, result.Reward);
        Assert.Equal(terminated, result.Terminated);
        Assert.False(result.Truncated);
        Assert.Equal(
            [(float)next[0], (float)DetMath.Cos(next[2]), (float)DetMath.Sin(next[2]), (float)next[1], (float)next[3]],
            observation.Select(o => (float)o));
        Assert.All(observation, o => Assert.Equal((double)(float)o, o));
    }

    [Fact]
    public void Reward_IsOne_UprightCentredStillAndWithoutForce_AndZero_HangingDown()
    {
        Assert.Equal(1.0, CartPoleSwingUp.Reward(0.0, 1.0, 0.0, 0.0));
        Assert.Equal(0.0, CartPoleSwingUp.Reward(0.0, -1.0, 0.0, 0.0));
        // each factor at its margin: tol = 0.1, so (1 + 0.1)/2; a full push costs a fifth
        Assert.Equal(0.55, CartPoleSwingUp.Reward(2.0, 1.0, 0.0, 0.0), 1e-15);
        Assert.Equal(0.55, CartPoleSwingUp.Reward(0.0, 1.0, -5.0, 0.0), 1e-15);
        Assert.Equal(0.8, CartPoleSwingUp.Reward(0.0, 1.0, 0.0, 1.0));
        // horizontal pole (upright 1/2), half a push (small_control (4 + 3/4)/5)
        Assert.Equal(0.5 * 0.95, CartPoleSwingUp.Reward(0.0, 0.0, 0.0, 0.5), 1e-15);
    }

    [Fact]
    public void GaussianTolerance_IsDmControlsSigmoid()
    {
        // exp(−½ (d s)²) with s² = −2 ln 0.1 is 0.1^(d²)
        Assert.Equal(1.0, CartPoleSwingUp.GaussianTolerance(0.0, 2.0));
        Assert.Equal(0.1, CartPoleSwingUp.GaussianTolerance(2.0, 2.0), 1e-15);
        Assert.Equal(Math.Pow(0.1, 0.25), CartPoleSwingUp.GaussianTolerance(-1.0, 2.0), 1e-15);
        Assert.Equal(Math.Pow(0.1, 4.0), CartPoleSwingUp.GaussianTolerance(10.0, 5.0), 1e-18);
    }

    [Fact]
    public void Reset_HangsThePoleDown_WithSmallNoise_DrawnInStateOrder()
    {
        var env = new CartPoleSwingUp();
        var observation = new double[5];

        env.Reset(Rng.ForStream(4, RngPurpose.Test), observation);

        var rng = Rng.ForStream(4, RngPurpose.Test);
        double[] expected = [rng.NextUniform(-0.05, 0.05), rng.NextUniform(-0.05, 0.05), Math.PI + rng.NextUniform(-0.05, 0.05), rng.NextUniform(-0.05, 0.05)];
        Assert.Equal(expected, env.GetState());
        Assert.InRange(observation[1], -1.0, -0.998); // cos θ ≈ −1
        Assert.Equal(0, env.ElapsedSteps);
    }

    [Fact]
    public void Spec_IsABoxOfFive_WithAUnitForceBox_And500Steps()
    {
        var spec = new CartPoleSwingUp().Spec;

        Assert.Equal("CartPoleSwingUp-v0", spec.Id);
        Assert.Equal(5, spec.ObservationSize);
        Assert.Equal(ActionKind.Continuous, spec.ActionKind);
        Assert.Equal([-1.0], spec.ActionLow);
        Assert.Equal([1.0], spec.ActionHigh);
        Assert.Equal(500, spec.MaxEpisodeSteps);
        Assert.Equal(["x", "x_dot", "theta", "theta_dot"], spec.StateNames);
        Assert.Null(spec.RewardThreshold);
        Assert.IsType<CartPoleSwingUp>(EnvironmentRegistry.Create("CartPoleSwingUp-v0"));
    }

    [Fact]
    public void Episode_IsTruncatedAt500Steps_WhenTheCartStaysOnTheTrack()
    {
        var env = new CartPoleSwingUp();
        var observation = new double[5];
        env.Reset(Rng.ForStream(5, RngPurpose.Test), observation);
        StepResult result = default;
        for (int t = 0; t < 500; t++)
        {
            // push back toward the centre so the cart never leaves the track
            result = env.Step([-Math.Clamp(observation[0] + 0.5 * observation[3], -1, 1)], observation);
            Assert.False(result.Terminated);
            Assert.Equal(t == 499, result.Truncated);
        }
        Assert.Throws<InvalidOperationException>(() => env.Step([0.0], observation));
    }

    [Fact]
    public void Rk4_KeepsTheFrictionlessEnergy_OfAFreeSwing()
    {
        // no force, cart free: total energy ½ M ẋ² + m_p l ẋ θ̇ cos θ + ½ (4/3) m_p l² θ̇² + m_p g l cos θ is conserved
        var env = new CartPoleSwingUp();
        env.SetState([0.0, 0.0, 2.0, 0.0], 0);
        var observation = new double[5];
        double Energy(double[] s) => 0.5 * 1.1 * s[1] * s[1] + 0.05 * s[1] * s[3] * Math.Cos(s[2])
                                     + 0.5 * (4.0 / 3.0) * 0.1 * 0.25 * s[3] * s[3] + 0.1 * 9.8 * 0.5 * Math.Cos(s[2]);
        double start = Energy(env.GetState());
        for (int t = 0; t < 499; t++) env.Step([0.0], observation);

        Assert.InRange(Math.Abs(Energy(env.GetState()) - start), 0.0, 1e-4);
    }

    [Fact]
    public void GetState_SetState_RoundTrip_ContinuesTheSameTrajectory()
    {
        var env = new CartPoleSwingUp();
        var observation = new double[5];
        env.Reset(Rng.ForStream(6, RngPurpose.Test), observation);
        for (int t = 0; t < 10; t++) env.Step([0.7], observation);
        var saved = env.GetState();
        var first = env.Step([-0.3], observation);
        var copy = new CartPoleSwingUp();
        copy.SetState(saved, 10);

        var again = copy.Step([-0.3], observation);

        Assert.Equal(env.GetState(), copy.GetState());
        Assert.Equal(first, again);
        Assert.Equal(11, copy.ElapsedSteps);
    }

    [Fact]
    public void BadActionsAndStates_AreRejected()
    {
        var env = new CartPoleSwingUp();
        var observation = new double[5];
        Assert.Throws<InvalidOperationException>(() => env.Step([0.0], observation));
        env.Reset(Rng.ForStream(1, RngPurpose.Test), observation);
        Assert.Throws<ArgumentException>(() => env.Step([0.0, 1.0], observation));
        Assert.Throws<ArgumentException>(() => env.Step([double.NaN], observation));
        Assert.Throws<ArgumentException>(() => env.Step([0.0], new double[4]));
        Assert.Throws<ArgumentException>(() => env.SetState([0.0, 0.0, 0.0], 0));
        Assert.Throws<ArgumentException>(() => env.SetState([0.0, double.PositiveInfinity, 0.0, 0.0], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => env.SetState([0.0, 0.0, 0.0, 0.0], 500));
    }
}
