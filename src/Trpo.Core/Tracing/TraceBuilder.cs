using System.Globalization;
using System.Security.Cryptography;

namespace Trpo.Core.Tracing;

/// <summary>Collects the quantities of one epoch as text tokens: doubles in shortest round-trip invariant form.</summary>
public sealed class TraceBuilder
{
    /// <summary>Parameter vectors up to this length are recorded value by value; longer ones as hash and norms.</summary>
    public const int MaxParametersByValue = 5000;

    private readonly List<TraceQuantity> _quantities = [];

    /// <summary>A double as the trace writes it: shortest round-trip, invariant culture.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Adds a vector of doubles.</summary>
    public TraceBuilder Add(string name, ReadOnlySpan<double> values)
    {
        var tokens = new string[values.Length];
        for (int i = 0; i < values.Length; i++) tokens[i] = Format(values[i]);
        _quantities.Add(new TraceQuantity(name, tokens));
        return this;
    }

    /// <summary>Adds one double.</summary>
    public TraceBuilder Add(string name, double value) => Add(name, [value]);

    /// <summary>Adds flags as 0/1.</summary>
    public TraceBuilder Add(string name, ReadOnlySpan<bool> flags)
    {
        var tokens = new string[flags.Length];
        for (int i = 0; i < flags.Length; i++) tokens[i] = flags[i] ? "1" : "0";
        _quantities.Add(new TraceQuantity(name, tokens));
        return this;
    }

    /// <summary>Adds text values (one line each; line breaks are replaced by spaces).</summary>
    public TraceBuilder AddText(string name, params string[] values)
    {
        _quantities.Add(new TraceQuantity(name, values.Select(v => v.ReplaceLineEndings(" ")).ToArray()));
        return this;
    }

    /// <summary>The SHA-256 of the little-endian bytes of <paramref name="values"/>, as 64 hex digits.</summary>
    public static string Sha256(ReadOnlySpan<double> values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        for (int i = 0; i < values.Length; i++)
            BitConverter.TryWriteBytes(bytes.AsSpan(i * sizeof(double)), BitConverter.DoubleToInt64Bits(values[i]));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>Adds <paramref name="name"/>.sha256 of the values.</summary>
    public TraceBuilder AddHash(string name, ReadOnlySpan<double> values) => AddText(name + ".sha256", Sha256(values));

    /// <summary>
    /// Adds a parameter vector: the values when it has at most <see cref="MaxParametersByValue"/> entries,
    /// otherwise its SHA-256, Euclidean norm and largest magnitude.
    /// </summary>
    public TraceBuilder AddParameters(string name, ReadOnlySpan<double> values)
    {
        if (values.Length <= MaxParametersByValue) return Add(name, values);
        double sumSquares = 0, maxAbs = 0;
        foreach (double v in values)
        {
            sumSquares += v * v;
            maxAbs = Math.Max(maxAbs, Math.Abs(v));
        }
        AddHash(name, values);
        Add(name + ".norm", Math.Sqrt(sumSquares));
        return Add(name + ".max_abs", maxAbs);
    }

    /// <summary>The epoch's trace.</summary>
    public EpochTrace Build(int epoch) => new(epoch, _quantities.ToArray());
}
