using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>
/// <see cref="Pcg64"/> against NumPy 1.24.2: <c>np.random.PCG64(s).state["state"]</c> right after seeding and
/// <c>np.random.PCG64(s).random_raw(5)</c>.
/// </summary>
public sealed class Pcg64Tests
{
    public static TheoryData<ulong, string, string, ulong[]> NumPyValues => new()
    {
        { 0UL, "35399562948360463058890781895381311971", "87136372517582989555478159403783844777",
            [11749869230777074271, 4976686463289251617, 755828109848996024, 304881062738325533, 15002187965291974971] },
        { 42UL, "274674114334540486603088602300644985544", "332724090758049132448979897138935081983",
            [14276969152011380360, 8095878257575067585, 15838336090824644132, 12864169557245331597, 1737265434024182251] },
        { 123UL, "160078363690744033601390112987726904141", "17686443629577124697969402389330893883",
            [12587170189557361101, 992822559630912803, 4064922177151560342, 3401059606364785669, 3244891138370822358] },
        { 9223372036854775815UL, "272190260479168861485596765899959646585", "230311098518163092025503326142940791951",
            [790917050550771822, 10468876198099517906, 2473061530299726575, 3088000332392966900, 10670465650998154529] },
        { 18446744073709551615UL, "294777589713777894971777624378622791088", "73721096341569855656437781216719622637",
            [12544278110101001871, 15593249672699323225, 136562751618339402, 16501869284920798641, 2378988675683841820] },
    };

    [Theory]
    [MemberData(nameof(NumPyValues))]
    public void SeededStateAndRawOutputs_EqualNumPys(ulong seed, string state, string increment, ulong[] raw)
    {
        var generator = new Pcg64(new SeedSequence(seed));
        Assert.Equal(UInt128.Parse(state), generator.State.State);
        Assert.Equal(UInt128.Parse(increment), generator.State.Increment);
        Assert.Equal(raw, Enumerable.Range(0, raw.Length).Select(_ => generator.NextUInt64()).ToArray());
    }

    [Fact]
    public void StateSetMidStream_ResumesTheSameOutputs()
    {
        var original = new Pcg64(new SeedSequence(7));
        for (int i = 0; i < 10; i++) original.NextUInt64();
        Pcg64State saved = original.State;
        ulong[] expected = [original.NextUInt64(), original.NextUInt64(), original.NextUInt64()];

        var restored = new Pcg64(new SeedSequence(999));
        restored.State = saved;
        Assert.Equal(expected, new[] { restored.NextUInt64(), restored.NextUInt64(), restored.NextUInt64() });
        var fromWords = new Pcg64(Pcg64State.FromWords(saved.ToWords()));
        Assert.Equal(expected[0], fromWords.NextUInt64());
    }

    [Fact]
    public void StateWords_FollowNumPysHighLowLayout()
    {
        var state = new Pcg64State(new UInt128(1, 2), new UInt128(3, 5));
        Assert.Equal([1UL, 2UL, 3UL, 5UL], state.ToWords());
        Assert.Equal(state, Pcg64State.FromWords([1UL, 2UL, 3UL, 5UL]));
    }

    [Fact]
    public void AnEvenIncrement_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => Pcg64State.FromWords([1UL, 2UL, 3UL, 4UL]));
        Assert.Throws<ArgumentException>(() => new Pcg64(new SeedSequence(1)).State = new Pcg64State(1, 2));
        Assert.Throws<ArgumentException>(() => Pcg64State.FromWords([1UL, 2UL, 3UL]));
    }
}
