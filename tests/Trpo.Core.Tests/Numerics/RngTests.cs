using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Numerics;

public sealed class RngTests
{
    private const int Draws = 100_000;

    [Fact]
    public void NextUInt64_MatchesPublishedXoshiro256StarStarOutputs_FromState1234()
    {
        // xoshiro256** 1.0 (Blackman and Vigna): result = rotl(s1 * 5, 7) * 9, then the xor/shift/rotate update.
        // From state (1, 2, 3, 4); the same vector appears in the test suite of Rust's rand_xoshiro and was
        // re-derived from the published definition for this test.
        ulong[] expected =
        [
            11520UL, 0UL, 1509978240UL, 1215971899390074240UL, 1216172134540287360UL, 607988272756665600UL,
            16172922978634559625UL, 8476171486693032832UL, 10595114339597558777UL, 2904607092377533576UL,
        ];
        var rng = Rng.ForStream(0, RngPurpose.Test);
        rng.State = (1UL, 2UL, 3UL, 4UL);
        ulong[] actual = Enumerable.Range(0, expected.Length).Select(_ => rng.NextUInt64()).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void SplitMix64_MatchesPublishedOutputs_FromStateZero()
    {
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Next(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, SplitMix64.Next(ref state));
        Assert.Equal(0x06C45D188009454FUL, SplitMix64.Next(ref state));
    }

    [Fact]
    public void ForStream_IsFrozen_KnownKeyAndFirstOutputs()
    {
        // Golden values of the frozen stream definition (see Rng's remarks); cross-checked with an independent
        // Python transcription of the formula. If this fails, every seeded result in the project changes.
        Assert.Equal(0x0C2DC6E5BFAFBE43UL, Rng.StreamKey(42, RngPurpose.Test, 0));
        var rng = Rng.ForStream(42, RngPurpose.Test, 0);
        Assert.Equal(0x991F7BF6CE0DD0A8UL, rng.NextUInt64());
        Assert.Equal(0x8121CA7D2FE9F430UL, rng.NextUInt64());
        Assert.Equal(0x9A47A19457E439E8UL, rng.NextUInt64());
    }

    [Fact]
    public void NextGaussian_IsFrozen_KnownFirstOutputs()
    {
        // Box–Muller through DetMath.Log and DetMath.Cos: the same bits on every platform.
        var rng = Rng.ForStream(7, RngPurpose.ActionSampling, 3);
        Assert.Equal(0.16085025617595097, rng.NextGaussian());
        Assert.Equal(-0.002665416852842243, rng.NextGaussian());
        Assert.Equal(0.13552337551844734, rng.NextGaussian());
    }

    [Fact]
    public void SameStreamKey_GivesIdenticalSequences()
    {
        var a = Rng.ForStream(12345, RngPurpose.EnvironmentReset, 7);
        var b = Rng.ForStream(12345, RngPurpose.EnvironmentReset, 7);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
        Assert.Equal(a.NextGaussian(), b.NextGaussian());
        Assert.Equal(a.NextBelow(17), b.NextBelow(17));
    }

    [Fact]
    public void DifferentSeedPurposeOrIndex_GiveDifferentSequences()
    {
        ulong[] First(ulong seed, RngPurpose purpose, ulong index)
        {
            var rng = Rng.ForStream(seed, purpose, index);
            return Enumerable.Range(0, 8).Select(_ => rng.NextUInt64()).ToArray();
        }

        var baseline = First(1, RngPurpose.ActionSampling, 0);
        var variants = new[]
        {
            First(2, RngPurpose.ActionSampling, 0),
            First(1, RngPurpose.EnvironmentReset, 0),
            First(1, RngPurpose.ActionSampling, 1),
            First(0, RngPurpose.ActionSampling, 0),
        };
        foreach (var variant in variants)
        {
            // Independent 64-bit streams share no output at the same position (probability ~8 * 2^-64).
            Assert.All(baseline.Zip(variant), pair => Assert.NotEqual(pair.First, pair.Second));
        }
        // All 4 x 6 x 8 stream keys of a small grid are distinct.
        var keys = new HashSet<ulong>();
        foreach (ulong seed in new ulong[] { 0, 1, 2, 1UL << 63 })
        {
            foreach (RngPurpose purpose in Enum.GetValues<RngPurpose>())
            {
                for (ulong index = 0; index < 8; index++)
                {
                    Assert.True(keys.Add(Rng.StreamKey(seed, purpose, index)), $"duplicate key for {seed}/{purpose}/{index}");
                }
            }
        }
    }

    [Fact]
    public void NextDouble_IsInHalfOpenUnitInterval_WithMeanNearOneHalf()
    {
        var rng = Rng.ForStream(3, RngPurpose.Test);
        double sum = 0, min = 1, max = 0;
        for (int i = 0; i < Draws; i++)
        {
            double u = rng.NextDouble();
            Assert.InRange(u, 0.0, Math.BitDecrement(1.0));
            sum += u;
            min = Math.Min(min, u);
            max = Math.Max(max, u);
        }
        // Mean of U(0,1): 1/2 with standard error sqrt(1/12 / n) = 0.00091; allow 5 standard errors.
        Assert.InRange(sum / Draws, 0.5 - 0.0046, 0.5 + 0.0046);
        Assert.True(min < 1e-3 && max > 1 - 1e-3, $"range [{min}, {max}] does not fill the interval");
    }

    [Fact]
    public void NextDouble_OfAllOnesOutput_IsLargestDoubleBelowOne()
    {
        // Choose s1 so that the next output rotl(s1 * 5, 7) * 9 is 2^64 - 1 (5 and 9 are invertible mod 2^64).
        ulong s1 = RotateRight(ulong.MaxValue * InverseMod2To64(9), 7) * InverseMod2To64(5);
        var rng = Rng.ForStream(0, RngPurpose.Test);
        rng.State = (0UL, s1, 0UL, 0UL);
        Assert.Equal(Math.BitDecrement(1.0), rng.NextDouble()); // (2^53 - 1) 2^-53
        rng.State = (0UL, 0UL, 0UL, 0UL);
        Assert.Equal(0.0, rng.NextDouble());
    }

    private static ulong RotateRight(ulong x, int k) => (x >> k) | (x << (64 - k));

    /// <summary>a^-1 mod 2^64 for odd a (Newton: each step doubles the correct low bits).</summary>
    private static ulong InverseMod2To64(ulong a)
    {
        ulong x = a;
        for (int i = 0; i < 6; i++)
        {
            x *= 2 - a * x;
        }
        return x;
    }

    [Fact]
    public void NextBelow_IsUniform_ByChiSquareAtFixedSeed()
    {
        const int bound = 10;
        var counts = new int[bound];
        var rng = Rng.ForStream(4, RngPurpose.Test);
        for (int i = 0; i < Draws; i++)
        {
            counts[rng.NextBelow(bound)]++;
        }
        double expected = (double)Draws / bound;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        // 9 degrees of freedom: P(chi2 > 27.88) = 0.001. Deterministic at this seed; a biased generator fails.
        Assert.True(chiSquare < 27.88, $"chi-square {chiSquare:F2} with counts [{string.Join(", ", counts)}]");
    }

    [Fact]
    public void NextBelow_StaysInRange_AndRejectsNonPositiveBounds()
    {
        var rng = Rng.ForStream(5, RngPurpose.Test);
        foreach (int bound in new[] { 1, 2, 3, 7, 1000, int.MaxValue })
        {
            for (int i = 0; i < 1000; i++)
            {
                Assert.InRange(rng.NextBelow(bound), 0, bound - 1);
            }
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextBelow(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextBelow(-3));
    }

    [Fact]
    public void NextGaussian_HasMeanZeroAndVarianceOne_WithinStatisticalBounds()
    {
        var rng = Rng.ForStream(6, RngPurpose.Test);
        double sum = 0, sumSquares = 0;
        for (int i = 0; i < Draws; i++)
        {
            double z = rng.NextGaussian();
            Assert.True(double.IsFinite(z));
            sum += z;
            sumSquares += z * z;
        }
        double mean = sum / Draws;
        double variance = sumSquares / Draws - mean * mean;
        // Standard errors: mean 1/sqrt(n) = 0.0032, variance sqrt(2/n) = 0.0045; allow 5 of each.
        Assert.InRange(mean, -0.016, 0.016);
        Assert.InRange(variance, 1 - 0.0224, 1 + 0.0224);
    }

    [Fact]
    public void State_RoundTrips_AndReplaysTheSameOutputs()
    {
        var rng = Rng.ForStream(8, RngPurpose.MinibatchShuffle);
        for (int i = 0; i < 5; i++)
        {
            rng.NextUInt64();
        }
        var saved = rng.State;
        ulong[] first = Enumerable.Range(0, 10).Select(_ => rng.NextUInt64()).ToArray();
        rng.State = saved;
        Assert.Equal(saved, rng.State);
        ulong[] replay = Enumerable.Range(0, 10).Select(_ => rng.NextUInt64()).ToArray();
        Assert.Equal(first, replay);

        var other = Rng.ForStream(999, RngPurpose.Test);
        other.State = saved;
        Assert.Equal(first, Enumerable.Range(0, 10).Select(_ => other.NextUInt64()).ToArray());
    }

    [Fact]
    public void Shuffle_IsAPermutation_AndReproducible()
    {
        int[] a = Enumerable.Range(0, 50).ToArray();
        int[] b = Enumerable.Range(0, 50).ToArray();
        Rng.ForStream(9, RngPurpose.MinibatchShuffle).Shuffle(a);
        Rng.ForStream(9, RngPurpose.MinibatchShuffle).Shuffle(b);
        Assert.Equal(a, b);
        Assert.Equal(Enumerable.Range(0, 50), a.OrderBy(v => v));
        Assert.NotEqual(Enumerable.Range(0, 50), a);
    }
}
