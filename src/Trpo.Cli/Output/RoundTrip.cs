using System.Globalization;

namespace Trpo.Cli.Output;

/// <summary>The one way run files and listings write a double: shortest round-trip ("R"), invariant culture.</summary>
public static class RoundTrip
{
    /// <summary>E.g. <c>0.1</c>, <c>1E-10</c>, <c>NaN</c>, <c>-Infinity</c>; parsing the text gives back the same bits.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
