namespace Trpo.Cli.Plotting;

/// <summary>What the band around a mean over seeds shows.</summary>
public enum BandKind
{
    /// <summary>Mean ± the sample standard deviation over seeds (n − 1 in the denominator): how much seeds differ.</summary>
    Std,

    /// <summary>Mean ± the standard error, std / √n: how well the mean is known.</summary>
    StandardError,
}
