using Trpo.Core.Numerics;

namespace Trpo.Core.Policies;

/// <summary>
/// The distribution of generalized State-Dependent Exploration, gSDE (Raffin, Kober and Stulp, "Smooth Exploration
/// for Robotic Reinforcement Learning", CoRL 2021, §3): actions a = μ(s) + ε(s) with noise ε(s) = Eᵀ f(s) linear in
/// the features f(s) (the policy's last hidden layer, k wide) through an exploration matrix E (k × d) whose
/// entries are drawn E_ij ~ N(0, σ_ij²), σ_ij = exp(log σ_ij). Given s, a is Gaussian with a state-dependent
/// diagonal variance
/// <code>v_j(s) = Σ_i f_i(s)² σ_ij² + ε_v</code>
/// (ε_v = <see cref="VarianceEpsilon"/>). Functions work on one row of distribution inputs, [μ (d) | f (k)], and the
/// log σ matrix (k × d, row-major: element [i, j] at i·d + j).
/// </summary>
/// <remarks>
/// Semantics of stable-baselines3 2.3.2's <c>StateDependentNoiseDistribution</c>
/// (<c>stable_baselines3/common/distributions.py</c>) with the options an <c>MlpPolicy</c> uses: <c>full_std=True</c>
/// (one σ per (feature, action) pair), <c>use_expln=False</c> (σ = exp(log σ)), <c>squash_output=False</c>,
/// <c>learn_features=False</c> (the features are detached: no gradient reaches the network through the variance,
/// only through μ), and <c>epsilon=1e-6</c> added to the variance (<c>Normal(mean, sqrt(variance + epsilon))</c>).
/// The variance enters log-probabilities, entropy and KL; the sampled noise Eᵀ f has variance v − ε_v.
/// </remarks>
public static class StateDependentNoise
{
    /// <summary>ε_v added to every variance, stable-baselines3's <c>StateDependentNoiseDistribution(epsilon=1e-6)</c>.</summary>
    public const double VarianceEpsilon = 1e-6;

    /// <summary>σ_ij² = exp(2 log σ_ij) for the whole k × d matrix.</summary>
    public static void WeightVariances(ReadOnlySpan<double> logStd, Span<double> weightVariances)
    {
        for (int i = 0; i < logStd.Length; i++) weightVariances[i] = DetMath.Exp(2.0 * logStd[i]);
    }

    /// <summary>v_j = (Σ_i f_i² σ_ij², the sum over i in order) + ε_v for j = 0 .. d−1.</summary>
    public static void Variances(ReadOnlySpan<double> features, ReadOnlySpan<double> weightVariances, Span<double> variances)
    {
        int d = variances.Length;
        variances.Clear();
        for (int i = 0; i < features.Length; i++)
        {
            double f2 = features[i] * features[i];
            ReadOnlySpan<double> s = weightVariances.Slice(i * d, d);
            for (int j = 0; j < d; j++) variances[j] += f2 * s[j];
        }
        for (int j = 0; j < d; j++) variances[j] += VarianceEpsilon;
    }

    /// <summary>log π(a) = Σ_j [ −½ (a_j − μ_j)²/v_j − ½ log v_j − ½ log 2π ].</summary>
    public static double LogProb(ReadOnlySpan<double> mean, ReadOnlySpan<double> variances, ReadOnlySpan<double> action)
    {
        double s = 0.0;
        for (int j = 0; j < mean.Length; j++)
        {
            double e = action[j] - mean[j];
            s += -0.5 * (e * e / variances[j]) - 0.5 * DetMath.Log(variances[j]) - 0.5 * DiagonalGaussian.LogTwoPi;
        }
        return s;
    }

    /// <summary>H = Σ_j [ ½ log v_j + ½ (1 + log 2π) ].</summary>
    public static double Entropy(ReadOnlySpan<double> variances)
    {
        double h = 0.0;
        for (int j = 0; j < variances.Length; j++) h += 0.5 * DetMath.Log(variances[j]) + 0.5 * (1.0 + DiagonalGaussian.LogTwoPi);
        return h;
    }

    /// <summary>KL(old ‖ new) = Σ_j [ ½ (log v'_j − log v_j) + (v_j + (μ_j − μ'_j)²) / (2 v'_j) − ½ ].</summary>
    public static double Kl(ReadOnlySpan<double> oldMean, ReadOnlySpan<double> oldVariances, ReadOnlySpan<double> newMean, ReadOnlySpan<double> newVariances)
    {
        double kl = 0.0;
        for (int j = 0; j < oldMean.Length; j++)
        {
            double dm = oldMean[j] - newMean[j];
            kl += 0.5 * (DetMath.Log(newVariances[j]) - DetMath.Log(oldVariances[j])) + (oldVariances[j] + dm * dm) / (2.0 * newVariances[j]) - 0.5;
        }
        return kl;
    }

    /// <summary>
    /// ∂ log π(a)/∂μ_j = (a_j − μ_j)/v_j into <paramref name="meanGradient"/>, and ∂ log π(a)/∂log σ_j = (a_j − μ_j)²/v_j − 1
    /// (the score of the action's standard deviation √v_j) into <paramref name="stdGradient"/>.
    /// </summary>
    public static void LogProbGradient(ReadOnlySpan<double> mean, ReadOnlySpan<double> variances, ReadOnlySpan<double> action, Span<double> meanGradient, Span<double> stdGradient)
    {
        for (int j = 0; j < mean.Length; j++)
        {
            double e = action[j] - mean[j];
            meanGradient[j] = e / variances[j];
            stdGradient[j] = e * e / variances[j] - 1.0;
        }
    }

    /// <summary>
    /// The shares ∂ log √v_j / ∂ log σ_ij = f_i² σ_ij² / v_j (k × d), the chain rule from the action's log standard
    /// deviation to the log σ matrix; with the features detached these are the only paths from log σ to π.
    /// </summary>
    public static void Shares(ReadOnlySpan<double> features, ReadOnlySpan<double> weightVariances, ReadOnlySpan<double> variances, Span<double> shares)
    {
        int d = variances.Length;
        for (int i = 0; i < features.Length; i++)
        {
            double f2 = features[i] * features[i];
            for (int j = 0; j < d; j++) shares[i * d + j] = f2 * weightVariances[i * d + j] / variances[j];
        }
    }

    /// <summary>A fresh exploration matrix E_ij = exp(log σ_ij) · z_ij with z_ij standard normal, drawn in row-major order.</summary>
    public static void SampleMatrix(ReadOnlySpan<double> logStd, Rng rng, Span<double> matrix)
    {
        for (int i = 0; i < logStd.Length; i++) matrix[i] = DetMath.Exp(logStd[i]) * rng.NextGaussian();
    }

    /// <summary>a_j = μ_j + Σ_i f_i E_ij (the sum over i in order), for a row [μ (d) | f (k)].</summary>
    public static void Act(ReadOnlySpan<double> mean, ReadOnlySpan<double> features, ReadOnlySpan<double> matrix, Span<double> action)
    {
        int d = mean.Length;
        Span<double> noise = action[..d];
        noise.Clear();
        for (int i = 0; i < features.Length; i++)
        {
            double f = features[i];
            ReadOnlySpan<double> e = matrix.Slice(i * d, d);
            for (int j = 0; j < d; j++) noise[j] += f * e[j];
        }
        for (int j = 0; j < d; j++) action[j] = mean[j] + noise[j];
    }
}
