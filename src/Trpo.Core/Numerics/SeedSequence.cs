namespace Trpo.Core.Numerics;

/// <summary>
/// NumPy's <c>SeedSequence</c>: hashes a non-negative integer seed into a pool of four 32-bit words, from which
/// <see cref="GenerateState32"/> / <see cref="GenerateState64"/> draw the words that seed a bit generator.
/// A port of <c>numpy/random/bit_generator.pyx</c> (class <c>SeedSequence</c>, functions <c>hashmix</c>,
/// <c>mix</c>, <c>_int_to_uint32_array</c>) at NumPy tag v1.24.2; the algorithm is Melissa O'Neill's
/// <c>seed_seq_fe</c> ("Developing a seed_seq alternative", pcg-random.org, 2015).
/// </summary>
/// <remarks>
/// <para>Only what Gymnasium uses is ported: entropy given as an integer (or its 32-bit words), the default
/// pool size 4, no spawn key. All arithmetic is on 32-bit unsigned words and wraps, as in NumPy's Cython.</para>
/// <code>
/// hashmix(v): v ^= h; h *= MULT_A; v *= h; v ^= v >> 16          (h starts at INIT_A, runs on through every call)
/// mix(x, y):  r = MIX_MULT_L·x − MIX_MULT_R·y; r ^= r >> 16
/// pool[i] = hashmix(entropy[i] or 0) for i &lt; 4; then for src ≠ dst: pool[dst] = mix(pool[dst], hashmix(pool[src]));
///           then every further entropy word w: pool[dst] = mix(pool[dst], hashmix(w)) for each dst
/// state word i: d = pool[i mod 4]; d ^= k; k *= MULT_B; d *= k; d ^= d >> 16  (k starts at INIT_B)
/// </code>
/// <para>Evaluates to: <c>new SeedSequence(0).GenerateState64(4)[0]</c> = 15793235383387715774, as
/// <c>np.random.SeedSequence(0).generate_state(4, np.uint64)[0]</c>.</para>
/// </remarks>
public sealed class SeedSequence
{
    /// <summary>Words in the entropy pool (NumPy's <c>DEFAULT_POOL_SIZE</c>).</summary>
    public const int PoolSize = 4;

    private const uint InitA = 0x43b0d7e5;
    private const uint MultA = 0x931e8875;
    private const uint InitB = 0x8b51f9dd;
    private const uint MultB = 0x58f38ded;
    private const uint MixMultL = 0xca01f9dd;
    private const uint MixMultR = 0x4973f715;
    private const int XShift = 16; // half the bits of a uint32

    private readonly uint[] _pool = new uint[PoolSize];

    /// <summary>The sequence for integer entropy <paramref name="entropy"/> (NumPy's <c>SeedSequence(entropy)</c>).</summary>
    public SeedSequence(ulong entropy)
        : this(IntegerToWords(entropy))
    {
    }

    /// <summary>
    /// The sequence for entropy given as 32-bit words, as NumPy's <c>SeedSequence(np.array(words, dtype=np.uint32))</c>.
    /// An integer's words are its 32-bit digits, lowest first (zero is one word 0).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="entropyWords"/> is empty (NumPy requires some entropy).</exception>
    public SeedSequence(ReadOnlySpan<uint> entropyWords)
    {
        if (entropyWords.IsEmpty)
        {
            throw new ArgumentException("a SeedSequence needs at least one entropy word", nameof(entropyWords));
        }
        MixEntropy(_pool, entropyWords);
    }

    /// <summary>The hashed entropy pool (NumPy's <c>SeedSequence.pool</c>), for tests.</summary>
    public IReadOnlyList<uint> Pool => _pool;

    /// <summary>NumPy's <c>_int_to_uint32_array</c>: the 32-bit digits of <paramref name="value"/>, lowest first; [0] for zero.</summary>
    public static uint[] IntegerToWords(ulong value)
    {
        if (value == 0) return [0u];
        return value <= uint.MaxValue ? [(uint)value] : [(uint)value, (uint)(value >> 32)];
    }

    /// <summary><paramref name="count"/> 32-bit words for seeding (NumPy's <c>generate_state(count, np.uint32)</c>).</summary>
    public uint[] GenerateState32(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var state = new uint[count];
        uint hashConst = InitB;
        for (int i = 0; i < count; i++)
        {
            uint data = _pool[i % PoolSize];
            data ^= hashConst;
            hashConst *= MultB;
            data *= hashConst;
            data ^= data >> XShift;
            state[i] = data;
        }
        return state;
    }

    /// <summary>
    /// <paramref name="count"/> 64-bit words (NumPy's <c>generate_state(count, np.uint64)</c>): 2·count 32-bit
    /// words read as little-endian pairs, word 2i the low half of result i.
    /// </summary>
    public ulong[] GenerateState64(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        uint[] words = GenerateState32(2 * count);
        var state = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            state[i] = words[2 * i] | ((ulong)words[2 * i + 1] << 32);
        }
        return state;
    }

    private static void MixEntropy(uint[] mixer, ReadOnlySpan<uint> entropy)
    {
        uint hashConst = InitA;
        // Add in the entropy up to the pool size (running the hash on zeros past its end).
        for (int i = 0; i < mixer.Length; i++)
        {
            mixer[i] = HashMix(i < entropy.Length ? entropy[i] : 0u, ref hashConst);
        }
        // Mix all bits together so late bits can affect earlier ones.
        for (int src = 0; src < mixer.Length; src++)
        {
            for (int dst = 0; dst < mixer.Length; dst++)
            {
                if (src != dst)
                {
                    mixer[dst] = Mix(mixer[dst], HashMix(mixer[src], ref hashConst));
                }
            }
        }
        // Entropy beyond the pool size: mix each remaining word into every pool word.
        for (int src = mixer.Length; src < entropy.Length; src++)
        {
            for (int dst = 0; dst < mixer.Length; dst++)
            {
                mixer[dst] = Mix(mixer[dst], HashMix(entropy[src], ref hashConst));
            }
        }
    }

    private static uint HashMix(uint value, ref uint hashConst)
    {
        value ^= hashConst;
        hashConst *= MultA;
        value *= hashConst;
        value ^= value >> XShift;
        return value;
    }

    private static uint Mix(uint x, uint y)
    {
        uint result = MixMultL * x - MixMultR * y;
        result ^= result >> XShift;
        return result;
    }
}
