using Trpo.Core.Numerics;

namespace Trpo.Core.Policies;

/// <summary>
/// The diagonal Gaussian N(μ, diag(σ²)) with σ_i = exp(log σ_i). Functions work on one row: the mean μ
/// from the network and the state-independent log-std vector.
/// </summary>
public static class DiagonalGaussian
{
    /// <summary>log(2π), correctly rounded.</summary>
    public const double LogTwoPi = 1.8378770664093453;

    /// <summary>log π(a) = Σ_i [ −½ ((a_i − μ_i)/σ_i)² − log σ_i − ½ log 2π ].</summary>
    public static double LogProb(ReadOnlySpan<double> mean, ReadOnlySpan<double> logStd, ReadOnlySpan<double> action)
    {
        double s = 0.0;
        for (int i = 0; i < mean.Length; i++)
        {
            double z = (action[i] - mean[i]) / DetMath.Exp(logStd[i]);
            s += -0.5 * z * z - logStd[i] - 0.5 * LogTwoPi;
        }
        return s;
    }

    /// <summary>H = Σ_i [ log σ_i + ½ (1 + log 2π) ].</summary>
    public static double Entropy(ReadOnlySpan<double> logStd)
    {
        double h = 0.0;
        for (int i = 0; i < logStd.Length; i++) h += logStd[i] + 0.5 * (1.0 + LogTwoPi);
        return h;
    }

    /// <summary>KL(old ‖ new) = Σ_i [ log σ'_i − log σ_i + (σ_i² + (μ_i − μ'_i)²) / (2σ'_i²) − ½ ].</summary>
    public static double Kl(ReadOnlySpan<double> oldMean, ReadOnlySpan<double> oldLogStd, ReadOnlySpan<double> newMean, ReadOnlySpan<double> newLogStd)
    {
        double kl = 0.0;
        for (int i = 0; i < oldMean.Length; i++)
        {
            double oldVar = DetMath.Exp(2.0 * oldLogStd[i]);
            double newVar = DetMath.Exp(2.0 * newLogStd[i]);
            double dm = oldMean[i] - newMean[i];
            kl += newLogStd[i] - oldLogStd[i] + (oldVar + dm * dm) / (2.0 * newVar) - 0.5;
        }
        return kl;
    }

    /// <summary>∂ log π(a)/∂μ_i = (a_i − μ_i)/σ_i² and ∂ log π(a)/∂log σ_i = ((a_i − μ_i)/σ_i)² − 1.</summary>
    public static void LogProbGradient(ReadOnlySpan<double> mean, ReadOnlySpan<double> logStd, ReadOnlySpan<double> action, Span<double> meanGradient, Span<double> logStdGradient)
    {
        for (int i = 0; i < mean.Length; i++)
        {
            double sigma = DetMath.Exp(logStd[i]);
            double z = (action[i] - mean[i]) / sigma;
            meanGradient[i] = z / sigma;
            logStdGradient[i] = z * z - 1.0;
        }
    }

    /// <summary>a_i = μ_i + σ_i ε_i with ε_i standard normal, drawn in index order.</summary>
    public static void Sample(ReadOnlySpan<double> mean, ReadOnlySpan<double> logStd, Rng rng, Span<double> action)
    {
        for (int i = 0; i < mean.Length; i++) action[i] = mean[i] + DetMath.Exp(logStd[i]) * rng.NextGaussian();
    }
}
