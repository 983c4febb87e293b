using Trpo.Core.Environments;
using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Environments;

/// <summary>
/// Reacher2D-v0. Known values come from an independent Python/NumPy script: the manipulator equation with M(q)
/// built from the remarks' formulas and solved by numpy.linalg.solve (LU, not Cramer's rule), two RK4 steps of
/// 0.01 s, the elbow stop, and the reward; they agree to rounding (1e-13 relative), not bit for bit.
/// </summary>
public sealed class Reacher2DTests
{
    private const double Tolerance = 1e-13;

    private static void AssertClose(double expected, double actual)
        => Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1.0, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Constants_AreTheReacherModelsGeometry()
    {
        // capsule of radius 0.01 and length 0.1 at density 1000: 1000 (π r² L + 4/3 π r³)
        Assert.Equal(0.03560471674068433, Reacher2D.LinkMass, 1e-17);
        Assert.Equal(2.9670597283903613e-05, Reacher2D.LinkInertia, 1e-19);
        Assert.Equal(0.1, Reacher2D.Link1Length);
        Assert.Equal(0.11, Reacher2D.FingertipDistance);
    }

    public static TheoryData<double[], double[], double[], double> KnownSteps => new()
    {
        // at rest with no torque nothing moves; the reward is minus the distance from (0.21, 0) to (0.1, −0.1)
        { [0.0, 0.0, 0.0, 0.0, 0.1, -0.1], [0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.1, -0.1], -0.14866068747318506 },
        { [0.05, -0.08, 0.003, -0.002, 0.12, 0.05], [0.5, -0.25], [0.06991096046108376, -0.08997793354168913, 1.981506549830066, -0.9924899210613335, 0.12, 0.05], -0.4129844627522407 },
        // fast joints: the Coriolis terms matter
        { [1.0, 2.0, 3.0, -4.0, -0.15, 0.1], [1.0, 1.0], [1.099118737299046, 1.9605220877832292, 6.898875988955002, 0.03872315013945471, -0.15, 0.1], -2.085828670903353 },
        // the elbow runs into its +3 rad stop (velocity removed); a₂ = 1.7 is clipped to 1
        { [-2.0, 2.95, -1.0, 5.0, 0.0, 0.19], [-0.3, 1.7], [-2.031716611343255, 3.0, -2.1677710953065428, 0.0, 0.0, 0.19], -1.2797762129603572 },
    };

    [Theory]
    [MemberData(nameof(KnownSteps))]
    public void Step_FromAGivenState_MatchesTheIndependentScript(double[] state, double[] action, double[] expected, double expectedReward)
    {
        var env = new Reacher2D();
        env.SetState(state, 0);
        var observation = new double[10];

        var result = env.Step(action, observation);

        var next = env.GetState();
        for (int i = 0; i < 6; i++) AssertClose(expected[i], next[i]);
        AssertClose(expectedReward, result.Reward);
        Assert.False(result.Terminated);
        Assert.False(result.Truncated);
        Reacher2D.Fingertip(next[0], next[1], out double tipX, out double tipY);
        double[] expectedObservation =
        [
            DetMath.Cos(next[0]), DetMath.Cos(next[1]), DetMath.Sin(next[0]), DetMath.Sin(next[1]),
            next[4], next[5], next[2], next[3], tipX - next[4], tipY - next[5],
        ];
        Assert.Equal(expectedObservation.Select(v => (double)(float)v), observation);
    }

    [Fact]
    public void Fingertip_IsTheForwardKinematics()
    {
        Reacher2D.Fingertip(0.0, 0.0, out double x0, out double y0);
        Reacher2D.Fingertip(Math.PI / 2, -Math.PI / 2, out double x1, out double y1);

        Assert.Equal((0.1 + 0.11, 0.0), (x0, y0));
        Assert.Equal(0.11, x1, 1e-16); // shoulder up, elbow back to the x direction
        Assert.Equal(0.1, y1, 1e-16);
    }

    [Theory]
    [InlineData(0.3, 1.2, -0.7, 0.0, 0.0, 0.0)]
    [InlineData(2.1, -3.0, 4.0, 150.0, -80.0, 0.0)]
    [InlineData(-1.0, 0.5, 0.25, -20.0, 10.0, 1.0)]
    public void Accelerations_SatisfyThePowerBalance_OfARigidArm(double q2, double q1Dot, double q2Dot, double tau1, double tau2, double damping)
    {
        // d/dt (½ q̇ᵀ M q̇) = q̇ᵀ M q̈ + ½ q̇ᵀ Ṁ q̇ must equal τ·q̇ − b |q̇|²: Coriolis forces do no work
        Reacher2D.Accelerations(q2, q1Dot, q2Dot, tau1, tau2, damping, out double a1, out double a2);
        double m = Reacher2D.LinkMass, l1 = 0.1, c = 0.05, inertia = Reacher2D.LinkInertia;
        double m11 = 1.0 + 2 * inertia + m * c * c + m * (l1 * l1 + c * c + 2 * l1 * c * Math.Cos(q2));
        double m12 = inertia + m * (c * c + l1 * c * Math.Cos(q2));
        double m22 = 1.0 + inertia + m * c * c;
        double dm11 = -2 * m * l1 * c * Math.Sin(q2) * q2Dot, dm12 = -m * l1 * c * Math.Sin(q2) * q2Dot;
        double kineticRate = q1Dot * (m11 * a1 + m12 * a2) + q2Dot * (m12 * a1 + m22 * a2)
                             + 0.5 * (dm11 * q1Dot * q1Dot + 2 * dm12 * q1Dot * q2Dot);
        double power = tau1 * q1Dot + tau2 * q2Dot - damping * (q1Dot * q1Dot + q2Dot * q2Dot);

        Assert.Equal(power, kineticRate, 1e-10 * Math.Max(1.0, Math.Abs(power)));
    }

    [Fact]
    public void Reset_DrawsAnglesTheTargetInsideTheDiscAndVelocities_InThatOrder()
    {
        var env = new Reacher2D();
        var observation = new double[10];
        for (ulong seed = 0; seed < 50; seed++)
        {
            env.Reset(Rng.ForStream(seed, RngPurpose.Test), observation);

            var rng = Rng.ForStream(seed, RngPurpose.Test);
            double q1 = rng.NextUniform(-0.1, 0.1), q2 = rng.NextUniform(-0.1, 0.1), tx, ty;
            do { tx = rng.NextUniform(-0.2, 0.2); ty = rng.NextUniform(-0.2, 0.2); } while (!(Math.Sqrt(tx * tx + ty * ty) < 0.2));
            Assert.Equal([q1, q2, rng.NextUniform(-0.005, 0.005), rng.NextUniform(-0.005, 0.005), tx, ty], env.GetState());
            Assert.True(tx * tx + ty * ty < 0.04);
        }
    }

    [Fact]
    public void Episode_IsTruncatedAfter50Steps_AndNeverTerminates()
    {
        var env = new Reacher2D();
        var observation = new double[10];
        env.Reset(Rng.ForStream(3, RngPurpose.Test), observation);
        for (int t = 1; t <= 50; t++)
        {
            var result = env.Step([0.3, -0.6], observation);
            Assert.False(result.Terminated);
            Assert.Equal(t == 50, result.Truncated);
            Assert.InRange(env.GetState()[1], -3.0, 3.0);
        }
        Assert.Throws<InvalidOperationException>(() => env.Step([0.0, 0.0], observation));
    }

    [Fact]
    public void Spec_IsReacherV5s()
    {
        var spec = new Reacher2D().Spec;

        Assert.Equal("Reacher2D-v0", spec.Id);
        Assert.Equal(10, spec.ObservationSize);
        Assert.Equal(2, spec.ActionSize);
        Assert.Equal([-1.0, -1.0], spec.ActionLow);
        Assert.Equal([1.0, 1.0], spec.ActionHigh);
        Assert.Equal(50, spec.MaxEpisodeSteps);
        Assert.Equal(["q1", "q2", "q1_dot", "q2_dot", "target_x", "target_y"], spec.StateNames);
        Assert.IsType<Reacher2D>(EnvironmentRegistry.Create("Reacher2D-v0"));
    }

    [Fact]
    public void GetState_SetState_RoundTrip_ContinuesTheSameTrajectory()
    {
        var env = new Reacher2D();
        var observation = new double[10];
        env.Reset(Rng.ForStream(8, RngPurpose.Test), observation);
        for (int t = 0; t < 5; t++) env.Step([0.9, -0.4], observation);
        var saved = env.GetState();
        var first = env.Step([-0.2, 0.8], observation);
        var copy = new Reacher2D();
        copy.SetState(saved, 5);

        var again = copy.Step([-0.2, 0.8], observation);

        Assert.Equal(env.GetState(), copy.GetState());
        Assert.Equal(first, again);
    }

    [Fact]
    public void BadActionsAndStates_AreRejected()
    {
        var env = new Reacher2D();
        var observation = new double[10];
        Assert.Throws<InvalidOperationException>(() => env.Step([0.0, 0.0], observation));
        env.Reset(Rng.ForStream(1, RngPurpose.Test), observation);
        Assert.Throws<ArgumentException>(() => env.Step([0.0], observation));
        Assert.Throws<ArgumentException>(() => env.Step([0.0, double.NaN], observation));
        Assert.Throws<ArgumentException>(() => env.SetState([0, 3.5, 0, 0, 0, 0], 0));
        Assert.Throws<ArgumentException>(() => env.SetState([0, 0, 0, 0, 0], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => env.SetState([0, 0, 0, 0, 0, 0], 50));
    }
}
