using Trpo.Core.State;

namespace Trpo.Core.Numerics;

/// <summary>
/// The project's one random number generator: xoshiro256** 1.0 (Blackman and Vigna, "Scrambled linear
/// pseudorandom number generators", ACM TOMS 2021), state expanded from a 64-bit key by
/// <see cref="SplitMix64"/> as its authors recommend.
/// </summary>
/// <remarks>
/// Frozen definition (changing any of it changes every result and every golden):
/// <list type="bullet">
/// <item>Stream key for (seed, purpose, index): k = Mix(Mix(Mix(seed) ^ purpose·G) ^ (index+1)·G·G) with
/// G = 0x9E3779B97F4A7C15 and Mix the SplitMix64 finaliser; the four state words are the first four outputs
/// of SplitMix64 started at k.</item>
/// <item><see cref="NextDouble"/> = (next &gt;&gt; 11) · 2^-53, uniform on [0, 1) with 53 random bits.</item>
/// <item><see cref="NextGaussian"/>: Box–Muller, one normal per call from two fresh uniforms,
/// z = sqrt(-2 ln(1 - u1)) · cos(2π u2), with <see cref="DetMath"/>'s log and cos.</item>
/// <item><see cref="NextBelow"/>: Lemire's multiply-shift with rejection (unbiased).</item>
/// </list>
/// </remarks>
public sealed class Rng : IRandomSource, IStateful
{
    private ulong _s0, _s1, _s2, _s3;

    private Rng(ulong key)
    {
        ulong sm = key;
        _s0 = SplitMix64.Next(ref sm);
        _s1 = SplitMix64.Next(ref sm);
        _s2 = SplitMix64.Next(ref sm);
        _s3 = SplitMix64.Next(ref sm);
    }

    /// <summary>The independent stream for one (seed, purpose, index) triple.</summary>
    public static Rng ForStream(ulong seed, RngPurpose purpose, ulong index = 0)
        => new(StreamKey(seed, purpose, index));

    /// <summary>The key that seeds the stream of (seed, purpose, index); see the remarks for the formula.</summary>
    public static ulong StreamKey(ulong seed, RngPurpose purpose, ulong index)
    {
        ulong k = SplitMix64.Mix(seed);
        k = SplitMix64.Mix(k ^ ((ulong)purpose * SplitMix64.GoldenGamma));
        k = SplitMix64.Mix(k ^ ((index + 1) * SplitMix64.GoldenGamma * SplitMix64.GoldenGamma));
        return k;
    }

    /// <summary>The full generator state, for checkpoints.</summary>
    public (ulong S0, ulong S1, ulong S2, ulong S3) State
    {
        get => (_s0, _s1, _s2, _s3);
        set => (_s0, _s1, _s2, _s3) = value;
    }

    /// <summary>Captures the four state words as <c>s</c>.</summary>
    public void CaptureState(StateWriter state) => state.Words("s", [_s0, _s1, _s2, _s3]);

    /// <summary>Restores the four state words.</summary>
    public void RestoreState(StateReader state)
    {
        Span<ulong> s = stackalloc ulong[4];
        state.Words("s", s);
        (_s0, _s1, _s2, _s3) = (s[0], s[1], s[2], s[3]);
    }

    /// <summary>Next 64 random bits (xoshiro256**).</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform double on [0, 1): the top 53 bits times 2^-53.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform double on [low, high): low + (high - low) · u.</summary>
    public double NextUniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>A standard normal deviate by Box–Muller (see remarks for the exact formula).</summary>
    public double NextGaussian()
    {
        double u1 = NextDouble();
        double u2 = NextDouble();
        // 1 - u1 lies in (0, 1], so the log is finite.
        double radius = Math.Sqrt(-2.0 * DetMath.Log(1.0 - u1));
        return radius * DetMath.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Uniform integer in [0, bound) by Lemire's nearly-divisionless method.</summary>
    public int NextBelow(int bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound), bound, "bound must be positive");
        ulong b = (ulong)bound;
        ulong x = NextUInt64() >> 32;
        ulong m = x * b;
        ulong low = m & 0xFFFFFFFFUL;
        if (low < b)
        {
            ulong threshold = (0x1_0000_0000UL - b) % b;
            while (low < threshold)
            {
                x = NextUInt64() >> 32;
                m = x * b;
                low = m & 0xFFFFFFFFUL;
            }
        }
        return (int)(m >> 32);
    }

    /// <summary>Fisher–Yates shuffle of <paramref name="items"/>, from the last element down.</summary>
    public void Shuffle(Span<int> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextBelow(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
