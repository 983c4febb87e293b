using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>
/// <see cref="NumPyGenerator"/> against NumPy 1.24.2: <c>np.random.default_rng(s).random(5)</c> and
/// <c>np.random.default_rng(s).uniform(-0.05, 0.05, size=4)</c> (the draw of Gymnasium's CartPole reset).
/// </summary>
public sealed class NumPyGeneratorTests
{
    public static TheoryData<ulong, double[], double[]> NumPyValues => new()
    {
        { 0UL, [0.6369616873214543, 0.2697867137638703, 0.04097352393619469, 0.016527635528529094, 0.8132702392002724],
            [0.013696168732145436, -0.02302132862361297, -0.045902647606380534, -0.04834723644714709] },
        { 1UL, [0.5118216247002567, 0.9504636963259353, 0.14415961271963373, 0.9486494471372439, 0.31183145201048545],
            [0.0011821624700256717, 0.045046369632593536, -0.03558403872803663, 0.04486494471372439] },
        { 42UL, [0.7739560485559633, 0.4388784397520523, 0.8585979199113825, 0.6973680290593639, 0.09417734788764953],
            [0.027395604855596334, -0.006112156024794771, 0.03585979199113824, 0.019736802905936393] },
        { 123UL, [0.6823518632481435, 0.053821018802222675, 0.22035987277261138, 0.1843718106986697, 0.17590590108503035],
            [0.018235186324814343, -0.04461789811977773, -0.027964012722738865, -0.03156281893013303] },
        { 4294967295UL, [0.2519435680449965, 0.21906579628685663, 0.28728472043517017, 0.6189813025326831, 0.9350122911173898],
            [-0.02480564319550035, -0.028093420371314338, -0.021271527956482985, 0.011898130253268316] },
        { 4294967301UL, [0.7742041803738812, 0.47072268318809307, 0.6958803443421149, 0.8165376458429717, 0.537936929104719],
            [0.027420418037388122, -0.00292773168119069, 0.01958803443421149, 0.03165376458429718] },
        { 9223372036854775815UL, [0.04287569922314871, 0.5675189158730642, 0.13406493419206444, 0.16740083345082069, 0.5784471020122075],
            [-0.045712430077685134, 0.006751891587306422, -0.03659350658079356, -0.03325991665491793] },
        { 18446744073709551615UL, [0.6800266789616931, 0.8453117585624743, 0.007403081599260064, 0.8945681264391473, 0.12896523452474162],
            [0.018002667896169305, 0.03453117585624743, -0.049259691840074, 0.039456812643914735] },
    };

    [Theory]
    [MemberData(nameof(NumPyValues))]
    public void RandomAndUniform_EqualNumPysBitForBit(ulong seed, double[] random, double[] uniform)
    {
        var generator = NumPyGenerator.FromSeed(seed);
        Assert.Equal(random, Enumerable.Range(0, random.Length).Select(_ => generator.NextDouble()).ToArray());
        generator = NumPyGenerator.FromSeed(seed);
        Assert.Equal(uniform, Enumerable.Range(0, uniform.Length).Select(_ => generator.NextUniform(-0.05, 0.05)).ToArray());
    }

    [Fact]
    public void ArrayBounds_AreDrawnElementByElement()
    {
        // np.random.default_rng(7).uniform(low=-np.array([np.pi, 1.0]), high=np.array([np.pi, 1.0])): Pendulum's reset draw.
        var generator = NumPyGenerator.FromSeed(7);
        Assert.Equal(0.7859979977652181, generator.NextUniform(-Math.PI, Math.PI));
        Assert.Equal(0.794427601939151, generator.NextUniform(-1.0, 1.0));
    }

    [Fact]
    public void StateReadAfterThreeDraws_EqualsNumPys_AndResumesTheStream()
    {
        // g = np.random.default_rng(99); g.random(3); g.bit_generator.state; g.random()
        var generator = NumPyGenerator.FromSeed(99);
        for (int i = 0; i < 3; i++) generator.NextDouble();
        Assert.Equal(UInt128.Parse("237823704047032741390694634477455183967"), generator.State.State);
        Assert.Equal(UInt128.Parse("324459057272246375853630270025492255805"), generator.State.Increment);
        var resumed = NumPyGenerator.FromSeed(0);
        resumed.State = generator.State;
        Assert.Equal(0.972186372136213, resumed.NextDouble());
        Assert.Equal(0.972186372136213, generator.NextDouble());
    }

    [Fact]
    public void NonFiniteOrNegativeRanges_AreRejectedAsNumPyDoes()
    {
        var generator = NumPyGenerator.FromSeed(0);
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.NextUniform(0, double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.NextUniform(-double.MaxValue, double.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.NextUniform(1, 0));
        Assert.Equal(0.5, generator.NextUniform(0.5, 0.5));
    }
}
