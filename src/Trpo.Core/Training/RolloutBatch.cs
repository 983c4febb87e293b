namespace Trpo.Core.Training;

/// <summary>
/// One epoch's experience from E environments of T steps each, stored env-major: row e·T + t is environment
/// e's step t, so each environment's segment is contiguous for GAE.
/// </summary>
public sealed class RolloutBatch
{
    /// <summary>Buffers for <paramref name="environments"/> × <paramref name="stepsPerEnvironment"/> rows.</summary>
    public RolloutBatch(int environments, int stepsPerEnvironment, int observationSize, int actionWidth)
    {
        Environments = environments;
        StepsPerEnvironment = stepsPerEnvironment;
        ObservationSize = observationSize;
        ActionWidth = actionWidth;
        int rows = environments * stepsPerEnvironment;
        Observations = new double[rows * observationSize];
        Actions = new double[rows * actionWidth];
        Rewards = new double[rows];
        Terminated = new bool[rows];
        Truncated = new bool[rows];
        NeedsBootstrap = new bool[rows];
        BootstrapObservations = new double[rows * observationSize];
    }

    /// <summary>E.</summary>
    public int Environments { get; }
    /// <summary>T.</summary>
    public int StepsPerEnvironment { get; }
    /// <summary>E · T.</summary>
    public int Rows => Environments * StepsPerEnvironment;
    /// <summary>Observation length.</summary>
    public int ObservationSize { get; }
    /// <summary>Doubles per action.</summary>
    public int ActionWidth { get; }
    /// <summary>s_t, rows × observation size.</summary>
    public double[] Observations { get; }
    /// <summary>a_t, rows × action width.</summary>
    public double[] Actions { get; }
    /// <summary>r_t.</summary>
    public double[] Rewards { get; }
    /// <summary>The episode ended in a terminal state at this step.</summary>
    public bool[] Terminated { get; }
    /// <summary>The time limit cut the episode at this step.</summary>
    public bool[] Truncated { get; }
    /// <summary>The row's successor value must come from <see cref="BootstrapObservations"/> (truncation, or the segment's last step).</summary>
    public bool[] NeedsBootstrap { get; }
    /// <summary>s_{t+1} for rows that need a bootstrap value (other rows unused).</summary>
    public double[] BootstrapObservations { get; }
    /// <summary>Undiscounted returns of the episodes that finished during the epoch, in the order they finished.</summary>
    public List<double> EpisodeReturns { get; } = [];
    /// <summary>Lengths of those episodes.</summary>
    public List<int> EpisodeLengths { get; } = [];

    /// <summary>Row index of environment <paramref name="env"/>'s step <paramref name="t"/>.</summary>
    public int Row(int env, int t) => env * StepsPerEnvironment + t;
}
