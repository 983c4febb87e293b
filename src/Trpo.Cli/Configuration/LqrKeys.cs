using System.Text.Json;
using Trpo.Cli.Errors;
using Trpo.Cli.Output;
using Trpo.Core.Control;
using Trpo.Core.Environments;

namespace Trpo.Cli.Configuration;

/// <summary>
/// The configuration keys of LQR-v0's system (<see cref="LqrSystem"/>): <c>lqr_a</c>, <c>lqr_b</c>, <c>lqr_q</c>,
/// <c>lqr_r</c> (matrices), <c>lqr_horizon</c> (steps) and <c>lqr_start_high</c> (the start box's half-widths).
/// They layer like every other key; a key left unset takes the default double integrator's value. For LQR-v0
/// the resolved system is always bound (and recorded in config.json); for any other environment setting one is
/// an error.
/// </summary>
public static class LqrKeys
{
    /// <summary>State matrix A, n × n.</summary>
    public const string A = "lqr_a";
    /// <summary>Input matrix B, n × m.</summary>
    public const string B = "lqr_b";
    /// <summary>State cost Q, n × n, symmetric positive semidefinite.</summary>
    public const string Q = "lqr_q";
    /// <summary>Action cost R, m × m, symmetric positive definite.</summary>
    public const string R = "lqr_r";
    /// <summary>Steps per episode T.</summary>
    public const string Horizon = "lqr_horizon";
    /// <summary>Half-widths h of the start box (n numbers): x₀,i uniform on [−h_i, h_i).</summary>
    public const string StartHigh = "lqr_start_high";

    /// <summary>Every LQR key.</summary>
    public static IReadOnlyList<string> Names { get; } = [A, B, Q, R, Horizon, StartHigh];

    /// <summary>
    /// The system of an LQR-v0 run (unset keys from <see cref="LqrSystem.Default"/>), validated; null for other
    /// environments. Throws a one-line <see cref="UserError"/> for a malformed value, an LQR key given for another
    /// environment, or a system that fails <see cref="LqrSystem.Validate"/>.
    /// </summary>
    public static LqrSystem? Bind(Func<string, RawValue?> find, string environmentId)
    {
        if (environmentId != Lqr.Id)
        {
            if (Names.Select(find).FirstOrDefault(v => v is not null) is { } stray)
                throw new UserError($"{stray.Key} applies only to env {Lqr.Id}, not {environmentId} (from {stray.Source})");
            return null;
        }
        var defaults = LqrSystem.Default;
        var system = new LqrSystem(
            A: find(A) is { } a ? ValueParsers.Matrix(a) : defaults.A,
            B: find(B) is { } b ? ValueParsers.Matrix(b) : defaults.B,
            Q: find(Q) is { } q ? ValueParsers.Matrix(q) : defaults.Q,
            R: find(R) is { } r ? ValueParsers.Matrix(r) : defaults.R,
            Horizon: find(Horizon) is { } horizon ? ValueParsers.Int(horizon) : defaults.Horizon,
            StartHigh: find(StartHigh) is { } high ? ValueParsers.DoubleList(high) : defaults.StartHigh);
        var problems = system.Validate();
        if (problems.Count > 0)
            throw new UserError(string.Join("; ", problems));
        return system;
    }

    /// <summary>
    /// The keys and JSON writers of <paramref name="system"/>, for config.json (matrices as arrays of rows). Elements go
    /// through <see cref="Utf8JsonWriter.WriteNumberValue(double)"/>, which writes the shortest round-trip form and,
    /// unlike a raw value, keeps the array's indentation.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, Action<Utf8JsonWriter>>> JsonEntries(LqrSystem system)
    {
        yield return new(A, w => WriteMatrix(w, system.A));
        yield return new(B, w => WriteMatrix(w, system.B));
        yield return new(Q, w => WriteMatrix(w, system.Q));
        yield return new(R, w => WriteMatrix(w, system.R));
        yield return new(Horizon, w => w.WriteNumberValue(system.Horizon));
        yield return new(StartHigh, w => WriteList(w, system.StartHigh));
    }

    /// <summary>
    /// The value of the LQR key <paramref name="key"/> as config.json writes it (matrices as arrays of rows), e.g.
    /// <c>[[1,0.1],[0,1]]</c> or <c>50</c>; a value of the wrong type is a <see cref="UserError"/>. Only the type is
    /// checked: whether the system it belongs to is valid is <see cref="Bind"/>'s question, once all keys are known.
    /// </summary>
    public static string CanonicalJson(string key, RawValue value)
    {
        if (!Names.Contains(key)) throw new ArgumentException($"'{key}' is not an LQR key", nameof(key));
        return JsonFormat.Compact(writer =>
        {
            switch (key)
            {
                case A or B or Q or R: WriteMatrix(writer, ValueParsers.Matrix(value)); break;
                case Horizon: writer.WriteNumberValue(ValueParsers.Int(value)); break;
                default: WriteList(writer, ValueParsers.DoubleList(value)); break; // StartHigh
            }
        });
    }

    /// <summary>The system as text meta lines (key, value) for traces: matrices as <c>1,0.1;0,1</c>.</summary>
    public static IEnumerable<KeyValuePair<string, string>> TextEntries(LqrSystem system)
    {
        yield return new(A, MatrixText(system.A));
        yield return new(B, MatrixText(system.B));
        yield return new(Q, MatrixText(system.Q));
        yield return new(R, MatrixText(system.R));
        yield return new(Horizon, system.Horizon.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new(StartHigh, string.Join(",", system.StartHigh.Select(RoundTrip.Format)));
    }

    private static string MatrixText(double[,] m)
        => string.Join(";", Enumerable.Range(0, m.GetLength(0)).Select(i =>
            string.Join(",", Enumerable.Range(0, m.GetLength(1)).Select(j => RoundTrip.Format(m[i, j])))));

    private static void WriteList(Utf8JsonWriter writer, double[] values)
    {
        writer.WriteStartArray();
        foreach (var v in values) writer.WriteNumberValue(v);
        writer.WriteEndArray();
    }

    private static void WriteMatrix(Utf8JsonWriter writer, double[,] m)
    {
        writer.WriteStartArray();
        for (int i = 0; i < m.GetLength(0); i++)
        {
            writer.WriteStartArray();
            for (int j = 0; j < m.GetLength(1); j++) writer.WriteNumberValue(m[i, j]); // finite (validated), shortest round-trip
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }
}
