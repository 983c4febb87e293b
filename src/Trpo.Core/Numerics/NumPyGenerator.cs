namespace Trpo.Core.Numerics;

/// <summary>
/// NumPy's <c>np.random.Generator</c> over a <see cref="Pcg64"/> bit generator, reduced to the draws Gymnasium's
/// environments make at reset: <c>random()</c> and <c>uniform(low, high)</c>. With it an environment's start
/// states are bit for bit those of Gymnasium's <c>reset(seed=s)</c>, which builds
/// <c>np.random.Generator(np.random.PCG64(np.random.SeedSequence(s)))</c>
/// (Gymnasium v1.3.0 <c>gymnasium/utils/seeding.py</c>, <c>np_random</c>) and then draws later resets from the
/// same generator.
/// </summary>
/// <remarks>
/// <para>NumPy v1.24.2 definitions: <c>next_double</c> = (next_uint64 &gt;&gt; 11) · 2^-53
/// (<c>numpy/random/_common.pxd</c>, <c>uint64_to_double</c>); <c>uniform</c> = low + (high − low) · next_double,
/// with the range high − low computed once, element by element for array bounds
/// (<c>numpy/random/_generator.pyx</c>, <c>Generator.uniform</c>; <c>numpy/random/src/distributions/distributions.c</c>,
/// <c>random_uniform</c>). A draw of size n is n such draws in element order, so <c>uniform(a, b, size=(4,))</c>
/// is four calls of <see cref="NextUniform"/>.</para>
/// <para>Evaluates to: <c>NumPyGenerator.FromSeed(0).NextDouble()</c> = 0.6369616873214543, as
/// <c>np.random.default_rng(0).random()</c>.</para>
/// </remarks>
public sealed class NumPyGenerator : IRandomSource
{
    private readonly Pcg64 _bitGenerator;

    /// <summary>A generator drawing from <paramref name="bitGenerator"/> (NumPy's <c>Generator(bit_generator)</c>).</summary>
    public NumPyGenerator(Pcg64 bitGenerator)
    {
        ArgumentNullException.ThrowIfNull(bitGenerator);
        _bitGenerator = bitGenerator;
    }

    /// <summary>
    /// <c>np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed)))</c>, the same as
    /// <c>np.random.default_rng(seed)</c> and the generator Gymnasium's <c>reset(seed=seed)</c> creates.
    /// </summary>
    public static NumPyGenerator FromSeed(ulong seed) => new(new Pcg64(new SeedSequence(seed)));

    /// <summary>The bit generator's state, for checkpoints (see <see cref="Pcg64.State"/>).</summary>
    public Pcg64State State
    {
        get => _bitGenerator.State;
        set => _bitGenerator.State = value;
    }

    /// <summary><c>Generator.random()</c>: (next_uint64 &gt;&gt; 11) · 2^-53, uniform on [0, 1).</summary>
    public double NextDouble() => (_bitGenerator.NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary><c>Generator.uniform(low, high)</c>: low + (high − low) · <see cref="NextDouble"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">high − low is not finite or is negative (NumPy raises then too).</exception>
    public double NextUniform(double low, double high)
    {
        double range = high - low;
        if (!double.IsFinite(range))
        {
            throw new ArgumentOutOfRangeException(nameof(high), $"high - low range exceeds valid bounds (low {low}, high {high})");
        }
        if (double.IsNegative(range))
        {
            throw new ArgumentOutOfRangeException(nameof(high), $"high - low < 0 (low {low}, high {high})");
        }
        return low + range * NextDouble();
    }
}
