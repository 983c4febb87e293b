using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>
/// <see cref="SeedSequence"/> against values printed by NumPy 1.24.2 itself (Debian's <c>/usr/bin/python3</c>):
/// <c>ss = np.random.SeedSequence(s)</c>, <c>ss.pool</c>, <c>ss.generate_state(8, np.uint32)</c> and
/// <c>ss.generate_state(4, np.uint64)</c>.
/// </summary>
public sealed class SeedSequenceTests
{
    public static TheoryData<ulong, uint[], uint[], ulong[]> NumPyValues => new()
    {
        { 0UL, [4265667335, 1328953910, 1320288413, 3365567143],
            [2968811710, 3677149159, 745650761, 2884920346, 2642120001, 549907821, 574372308, 742431198],
            [15793235383387715774, 12390638538380655177, 2361836109651742017, 3188717715514472916] },
        { 1UL, [2704793989, 232979121, 2500767352, 1423772289],
            [1835504127, 1731038949, 1320224556, 2330041505, 321059914, 1226144109, 2879408573, 3503041500],
            [7434755675892716031, 10007452063617845036, 5266248848659119178, 15045448681910192573] },
        { 123UL, [2094644227, 1350207825, 398775447, 1946508535],
            [693650678, 2973253328, 387799215, 2723177262, 1950554525, 2259100799, 3240087069, 325969891],
            [12770025807176811766, 11695957281888622767, 9702764052023024029, 1400030024565771805] },
        { 4294967295UL, [2625504364, 3738155522, 1800708531, 3301221904],
            [1992424968, 705021410, 3255730584, 540206095, 2021606294, 3981099117, 4091248893, 1451846836],
            [3028043900922232328, 2320167514380599704, 17098690511671083926, 6235634683512324349] },
        { 4294967301UL, [1943228144, 3666975122, 1548130432, 663351627],
            [3796490668, 4190198742, 909250263, 2986482496, 3873240889, 2475209855, 2909026785, 1592502489],
            [17996766564426832300, 12826844651305701079, 10630945381835142969, 6839746111962626529] },
        { 18446744073709551615UL, [4210289908, 4195322160, 3925383783, 237228537],
            [2458692877, 2931597649, 2251873402, 295448644, 1508262567, 465245526, 3905202422, 2808812003],
            [12591116029944179981, 1268942265879420026, 1998214320288580263, 12063755697402456310] },
    };

    [Theory]
    [MemberData(nameof(NumPyValues))]
    public void PoolAndGeneratedState_EqualNumPys(ulong seed, uint[] pool, uint[] state32, ulong[] state64)
    {
        var sequence = new SeedSequence(seed);
        Assert.Equal(pool, sequence.Pool);
        Assert.Equal(state32, sequence.GenerateState32(8));
        Assert.Equal(state64, sequence.GenerateState64(4));
    }

    [Fact]
    public void EntropyLongerThanThePool_IsMixedIntoEveryPoolWord_AsNumPyDoes()
    {
        // np.random.SeedSequence([1, 2, 3, 4, 5, 6]): words 5 and 6 go through the "remaining entropy" loop.
        var sequence = new SeedSequence([1u, 2u, 3u, 4u, 5u, 6u]);
        Assert.Equal([988259991u, 2719934729u, 3479241324u, 1314086023u], sequence.Pool);
        Assert.Equal([488360481u, 3956080669u, 2986500235u, 3488252836u, 3841783222u, 2602687873u], sequence.GenerateState32(6));
    }

    [Fact]
    public void IntegerToWords_SplitsIntoLowFirst32BitDigits()
    {
        Assert.Equal([0u], SeedSequence.IntegerToWords(0));
        Assert.Equal([123u], SeedSequence.IntegerToWords(123));
        Assert.Equal([5u, 1u], SeedSequence.IntegerToWords(4294967301UL));
        Assert.Equal(new SeedSequence([5u, 1u]).Pool, new SeedSequence(4294967301UL).Pool);
    }

    [Fact]
    public void GenerateState64_IsTheLittleEndianPairingOfTwiceAsMany32BitWords()
    {
        var sequence = new SeedSequence(42);
        uint[] words = sequence.GenerateState32(6);
        ulong[] pairs = sequence.GenerateState64(3);
        for (int i = 0; i < 3; i++) Assert.Equal(words[2 * i] | ((ulong)words[2 * i + 1] << 32), pairs[i]);
    }

    [Fact]
    public void EmptyEntropy_IsRejected()
        => Assert.Throws<ArgumentException>(() => new SeedSequence(ReadOnlySpan<uint>.Empty));
}
