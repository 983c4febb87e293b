namespace Trpo.Core.Tracing;

/// <summary>The first place two traces differ.</summary>
/// <param name="Epoch">Epoch of the divergence (0 for the meta lines).</param>
/// <param name="Quantity">Name of the quantity (or <c>meta</c>).</param>
/// <param name="Index">0-based index of the first differing value, or -1 for a structural difference.</param>
/// <param name="Expected">The golden value (or a description of the expected structure).</param>
/// <param name="Actual">The received value (or a description of the actual structure).</param>
/// <param name="UlpDistance">Units in the last place between the two doubles, when both are numbers.</param>
/// <param name="DifferingInQuantity">How many values differ in this quantity.</param>
/// <param name="DifferingAfter">How many values differ in all the quantities after it.</param>
public sealed record TraceDivergence(int Epoch, string Quantity, int Index, string Expected, string Actual, long? UlpDistance, int DifferingInQuantity, int DifferingAfter)
{
    /// <summary>A one-paragraph report naming the scenario and the first divergence.</summary>
    public string Describe(string scenario)
    {
        if (Index < 0)
            return $"{scenario}: first divergence at epoch {Epoch}, {Quantity}: expected {Expected}, actual {Actual}; " +
                   $"{DifferingAfter} values differ after it";
        string ulps = UlpDistance is long u ? $", {u} ulp apart" : "";
        return $"{scenario}: first divergence at epoch {Epoch}, {Quantity}[{Index}]: expected {Expected}, actual {Actual}{ulps}; " +
               $"{DifferingInQuantity} values differ in {Quantity}, {DifferingAfter} after it";
    }
}
