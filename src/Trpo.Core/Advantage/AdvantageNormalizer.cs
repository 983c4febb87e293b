using Trpo.Core.Numerics;

namespace Trpo.Core.Advantage;

/// <summary>Standardisation of advantages over the batch.</summary>
public static class AdvantageNormalizer
{
    /// <summary>Added to the standard deviation so a constant batch does not divide by zero.</summary>
    public const double Epsilon = 1e-8;

    /// <summary>Â_n = (A_n − mean(A)) / (std(A) + 1e-8), std the population standard deviation (divide by N).</summary>
    public static void Normalize(ReadOnlySpan<double> advantages, Span<double> normalized)
    {
        double mean = VectorOps.Mean(advantages);
        double std = Math.Sqrt(VectorOps.Variance(advantages));
        double scale = std + Epsilon;
        for (int i = 0; i < advantages.Length; i++) normalized[i] = (advantages[i] - mean) / scale;
    }
}
