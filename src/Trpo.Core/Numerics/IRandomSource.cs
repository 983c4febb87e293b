namespace Trpo.Core.Numerics;

/// <summary>
/// A source of uniform doubles: what an environment needs to draw its start state. Both the project's own
/// <see cref="Rng"/> and NumPy's <see cref="NumPyGenerator"/> (which makes start states identical to
/// Gymnasium's) implement it.
/// </summary>
public interface IRandomSource
{
    /// <summary>Uniform double on [0, 1) with 53 random bits.</summary>
    double NextDouble();

    /// <summary>Uniform double on [low, high): low + (high - low) · u with u = <see cref="NextDouble"/>.</summary>
    double NextUniform(double low, double high);
}
