using Trpo.Core.State;

namespace Trpo.Core.Tests.State;

public class StateWriterReaderTests
{
    [Fact]
    public void Scopes_PrefixKeysWithTheComponentPath_InCaptureOrder()
    {
        var root = new StateWriter();
        root.Integer("epoch", 3);
        root.Scope("value").Scope("adam").Doubles("m", [1.0, 2.0]);
        root.Scope("rng").Words("s", [1UL, ulong.MaxValue]);
        var state = root.Build();
        Assert.Equal(["epoch", "value.adam.m", "rng.s"], state.Entries.Select(e => e.Key));
        Assert.Equal([StateKind.Int64, StateKind.Float64, StateKind.UInt64], state.Entries.Select(e => e.Kind));
    }

    [Fact]
    public void Reader_GivesBackWhatTheWriterWrote_BitForBit()
    {
        var writer = new StateWriter();
        writer.Doubles("x", [double.NaN, -0.0, double.Epsilon, double.MaxValue]);
        writer.Integer("n", long.MinValue);
        writer.Words("w", [ulong.MaxValue, 0]);
        var reader = new StateReader(writer.Build());
        var x = new double[4];
        reader.Doubles("x", x);
        Span<ulong> w = stackalloc ulong[2];
        reader.Words("w", w);
        Assert.Equal(new[] { double.NaN, -0.0, double.Epsilon, double.MaxValue }.Select(BitConverter.DoubleToInt64Bits), x.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(long.MinValue, reader.Integer("n"));
        Assert.Equal([ulong.MaxValue, 0UL], w.ToArray());
        reader.RequireAllRead();
    }

    [Fact]
    public void Writer_CopiesTheValues_SoLaterChangesDoNotLeakIntoTheState()
    {
        var values = new[] { 1.0, 2.0 };
        var writer = new StateWriter();
        writer.Doubles("x", values);
        var state = writer.Build();
        values[0] = 99;
        Assert.Equal(1.0, state.Find("x")!.Doubles[0]);
    }

    [Fact]
    public void DuplicateKeys_AreRejected()
    {
        var writer = new StateWriter();
        writer.Integer("a", 1);
        writer.Integer("a", 2);
        Assert.Throws<ArgumentException>(() => writer.Build());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    public void NamesWithADotOrEmpty_AreRejected(string name)
        => Assert.Throws<ArgumentException>(() => new StateWriter().Integer(name, 1));

    [Fact]
    public void Reader_RejectsAMissingEntry_AWrongKind_AndAWrongLength_NamingTheKey()
    {
        var writer = new StateWriter();
        writer.Scope("p").Doubles("x", [1.0, 2.0]);
        var state = writer.Build();
        Assert.Contains("'p.y'", Assert.Throws<IncompatibleStateException>(() => new StateReader(state).Scope("p").Double("y")).Message);
        Assert.Contains("'p.x' holds Float64", Assert.Throws<IncompatibleStateException>(() => new StateReader(state).Scope("p").Integer("x")).Message);
        Assert.Contains("'p.x' has 2 values, expected 3", Assert.Throws<IncompatibleStateException>(() => new StateReader(state).Scope("p").Doubles("x", new double[3])).Message);
    }

    [Fact]
    public void RequireAllRead_RejectsAStateWithEntriesNobodyRestored()
    {
        var writer = new StateWriter();
        writer.Integer("used", 1);
        writer.Integer("stray", 2);
        var reader = new StateReader(writer.Build());
        reader.Integer("used");
        Assert.Contains("stray", Assert.Throws<IncompatibleStateException>(reader.RequireAllRead).Message);
    }

    [Fact]
    public void Equality_ComparesBits_AndFirstDifferenceNamesTheEntryAndIndex()
    {
        EngineState Make(double last) { var w = new StateWriter(); w.Doubles("x", [1.0, double.NaN, last]); return w.Build(); }
        Assert.Equal(Make(0.0), Make(0.0));
        Assert.NotEqual(Make(0.0), Make(-0.0));
        Assert.Equal("'x' differs first at index 2", Make(0.0).FirstDifference(Make(-0.0)));
    }
}
