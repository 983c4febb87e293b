namespace Trpo.Core.Numerics;

/// <summary>
/// NumPy's default bit generator <c>PCG64</c> (PCG XSL-RR 128/64; M. E. O'Neill, "PCG: A family of simple fast
/// space-efficient statistically good algorithms for random number generation", HMC-CS-2014-0905): a 128-bit
/// linear congruential generator whose 64-bit output is the xor of the state's halves rotated right by the
/// state's top 6 bits. Seeded from a <see cref="SeedSequence"/> exactly as NumPy v1.24.2 does
/// (<c>numpy/random/_pcg64.pyx</c>, <c>PCG64.__init__</c>; <c>numpy/random/src/pcg64/pcg64.h</c> and
/// <c>pcg64.c</c>, <c>pcg64_set_seed</c>).
/// </summary>
/// <remarks>
/// <code>
/// step:    s = s · M + inc  (mod 2^128),  M = 2549297995355413924 · 2^64 + 4865540595714422341
/// output:  rotr64(hi(s) xor lo(s), s >> 122)           (after the step)
/// seeding: w = seq.generate_state(4, uint64); initstate = w0 · 2^64 + w1; initseq = w2 · 2^64 + w3;
///          inc = 2 initseq + 1; s = 0; step; s += initstate; step
/// </code>
/// <para>NumPy also buffers half of a 64-bit output for 32-bit draws (<c>has_uint32</c>, <c>uinteger</c>);
/// nothing here draws 32-bit values, so that buffer is always empty and is not part of <see cref="State"/>.
/// UInt128 arithmetic is exact integer arithmetic: the same bits on every platform.</para>
/// </remarks>
public sealed class Pcg64
{
    /// <summary>The 128-bit LCG multiplier (NumPy's <c>PCG_DEFAULT_MULTIPLIER_128</c>).</summary>
    public static readonly UInt128 Multiplier = new(2549297995355413924UL, 4865540595714422341UL);

    private UInt128 _state;
    private UInt128 _increment;

    /// <summary>A generator seeded from <paramref name="seedSequence"/> as <c>np.random.PCG64(seedSequence)</c>.</summary>
    public Pcg64(SeedSequence seedSequence)
    {
        ArgumentNullException.ThrowIfNull(seedSequence);
        ulong[] words = seedSequence.GenerateState64(4);
        Seed(new UInt128(words[0], words[1]), new UInt128(words[2], words[3]));
    }

    /// <summary>A generator in state <paramref name="state"/> (see <see cref="State"/>).</summary>
    public Pcg64(Pcg64State state)
    {
        State = state;
    }

    /// <summary>The full state, for checkpoints: setting it resumes the stream exactly where it was read.</summary>
    /// <exception cref="ArgumentException">Setting an even increment (PCG64 increments are odd).</exception>
    public Pcg64State State
    {
        get => new(_state, _increment);
        set
        {
            if ((value.Increment & 1) == 0)
            {
                throw new ArgumentException("a PCG64 increment is odd; this one is even", nameof(value));
            }
            _state = value.State;
            _increment = value.Increment;
        }
    }

    /// <summary>Next 64 random bits (NumPy's <c>pcg64_next64</c>).</summary>
    public ulong NextUInt64()
    {
        Step();
        ulong high = (ulong)(_state >> 64);
        ulong low = (ulong)_state;
        int rotation = (int)(_state >> 122);
        return ulong.RotateRight(high ^ low, rotation);
    }

    /// <summary>PCG's <c>pcg_setseq_128_srandom_r</c>.</summary>
    private void Seed(UInt128 initState, UInt128 initSequence)
    {
        _state = UInt128.Zero;
        _increment = (initSequence << 1) | UInt128.One;
        Step();
        _state += initState;
        Step();
    }

    // s = s · M + inc (mod 2^128)
    private void Step() => _state = unchecked(_state * Multiplier + _increment);
}
