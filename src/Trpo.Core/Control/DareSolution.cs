namespace Trpo.Core.Control;

/// <summary>The stationary Riccati solution: P∞, the gain K∞ (u = −K∞ x), the iterations used, and whether it converged.</summary>
public sealed record DareSolution(double[,] CostToGo, double[,] Gain, int Iterations, bool Converged);
