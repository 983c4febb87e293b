namespace Trpo.Core.Environments;

/// <summary>The two kinds of action space the policies support.</summary>
public enum ActionKind
{
    /// <summary>One of n actions, 0..n-1 (Gymnasium's Discrete(n)).</summary>
    Discrete,
    /// <summary>A real vector in a box (Gymnasium's Box(low, high, (d,))).</summary>
    Continuous,
}
