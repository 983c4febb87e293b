using System.Numerics;
using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>
/// Reproducible argument sets for the accuracy sweeps, drawn from the project's own <see cref="Rng"/> with
/// fixed seeds (no transcendental is needed to draw them: log-uniform magnitudes come from random exponent
/// and mantissa bits).
/// </summary>
internal sealed class SweepArguments(ulong seed)
{
    private readonly Rng _rng = Rng.ForStream(seed, RngPurpose.Test);
    private readonly List<double> _values = [];

    public IReadOnlyList<double> Values => _values;

    /// <summary>A double with uniformly random mantissa and binary exponent uniform in [minExp, maxExp].</summary>
    public double LogUniform(int minExponent, int maxExponent)
    {
        int e = minExponent + _rng.NextBelow(maxExponent - minExponent + 1);
        double mantissa = 1.0 + _rng.NextDouble();
        return Math.ScaleB(mantissa, e);
    }

    /// <summary>Adds <paramref name="count"/> log-uniform magnitudes in [2^minExp, 2^(maxExp+1)), random signs when asked.</summary>
    public SweepArguments AddLogUniform(int count, int minExponent, int maxExponent, bool bothSigns)
    {
        for (int i = 0; i < count; i++)
        {
            double v = LogUniform(minExponent, maxExponent);
            _values.Add(bothSigns && (_rng.NextUInt64() & 1) == 0 ? -v : v);
        }
        return this;
    }

    /// <summary>Adds <paramref name="count"/> uniform values in [low, high).</summary>
    public SweepArguments AddUniform(int count, double low, double high)
    {
        for (int i = 0; i < count; i++)
        {
            _values.Add(_rng.NextUniform(low, high));
        }
        return this;
    }

    /// <summary>Adds each centre and its neighbours up to <paramref name="ulps"/> doubles away on both sides.</summary>
    public SweepArguments AddNeighbourhoods(IEnumerable<double> centres, int ulps)
    {
        foreach (double c in centres)
        {
            double below = c, above = c;
            _values.Add(c);
            for (int i = 0; i < ulps; i++)
            {
                below = Math.BitDecrement(below);
                above = Math.BitIncrement(above);
                _values.Add(below);
                _values.Add(above);
            }
        }
        return this;
    }

    /// <summary>Adds values at a random distance of up to <paramref name="maxUlps"/> doubles from each centre.</summary>
    public SweepArguments AddJittered(IEnumerable<double> centres, int maxUlps)
    {
        foreach (double c in centres)
        {
            long offset = _rng.NextBelow(2 * maxUlps + 1) - maxUlps;
            long bits = BitConverter.DoubleToInt64Bits(c) + offset;
            double v = BitConverter.Int64BitsToDouble(bits);
            if (double.IsFinite(v) && Math.Sign(v) == Math.Sign(c))
            {
                _values.Add(v);
            }
        }
        return this;
    }

    /// <summary>Adds explicit values.</summary>
    public SweepArguments Add(params double[] values)
    {
        _values.AddRange(values);
        return this;
    }

    /// <summary>The double nearest k c / 2^shift for a fixed-point constant c with <paramref name="fracBits"/> fraction bits.</summary>
    public static double NearestMultiple(BigInteger constantFixed, int fracBits, long k) =>
        BigFloat.FromFixed(constantFixed * k, fracBits).RoundToDouble();

    /// <summary>A random integer in [0, bound).</summary>
    public int NextBelow(int bound) => _rng.NextBelow(bound);
}
