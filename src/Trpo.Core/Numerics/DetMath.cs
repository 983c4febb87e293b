namespace Trpo.Core.Numerics;

/// <summary>
/// Deterministic transcendentals: managed implementations that give the same bits on every OS and CPU.
/// PLACEHOLDER: being replaced by the real implementation (see DetMath.*.cs).
/// </summary>
public static partial class DetMath
{
    public static double Exp(double x) => Math.Exp(x);
    public static double Log(double x) => Math.Log(x);
    public static double Tanh(double x) => Math.Tanh(x);
    public static double Sin(double x) => Math.Sin(x);
    public static double Cos(double x) => Math.Cos(x);
}
