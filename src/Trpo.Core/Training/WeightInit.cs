namespace Trpo.Core.Training;

/// <summary>How network weights are initialised.</summary>
public enum WeightInit
{
    /// <summary>
    /// PyTorch's nn.Linear default, as Spinning Up uses it: weights and biases uniform on
    /// [-1/sqrt(fan_in), 1/sqrt(fan_in)] (kaiming_uniform with a = sqrt(5)).
    /// </summary>
    Uniform,
    /// <summary>
    /// Orthogonal weights with zero biases, as sb3's ActorCriticPolicy does with ortho_init=True:
    /// gain sqrt(2) on hidden layers, 0.01 on the policy output layer, 1 on the value output layer.
    /// </summary>
    Orthogonal,
}
