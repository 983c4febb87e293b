namespace Trpo.Core.Numerics;

/// <summary>
/// The full state of a <see cref="Pcg64"/> generator: the 128-bit LCG state and its odd increment, the two
/// numbers NumPy reports as <c>PCG64().state["state"]</c> = {<c>"state"</c>, <c>"inc"</c>}.
/// </summary>
/// <param name="State">The 128-bit LCG state.</param>
/// <param name="Increment">The 128-bit increment (always odd).</param>
public readonly record struct Pcg64State(UInt128 State, UInt128 Increment)
{
    /// <summary>
    /// The four 64-bit words [state high, state low, increment high, increment low], the layout of NumPy's
    /// <c>pcg64_get_state</c> (<c>numpy/random/src/pcg64/pcg64.c</c>), for serialisation.
    /// </summary>
    public ulong[] ToWords() => [(ulong)(State >> 64), (ulong)State, (ulong)(Increment >> 64), (ulong)Increment];

    /// <summary>The state from the four words of <see cref="ToWords"/>.</summary>
    /// <exception cref="ArgumentException">Not four words, or an even increment.</exception>
    public static Pcg64State FromWords(ReadOnlySpan<ulong> words)
    {
        if (words.Length != 4)
        {
            throw new ArgumentException($"a PCG64 state has 4 words [state_hi, state_lo, inc_hi, inc_lo]; got {words.Length}", nameof(words));
        }
        var state = new Pcg64State(new UInt128(words[0], words[1]), new UInt128(words[2], words[3]));
        if ((state.Increment & 1) == 0)
        {
            throw new ArgumentException("a PCG64 increment is odd; this one is even", nameof(words));
        }
        return state;
    }
}
