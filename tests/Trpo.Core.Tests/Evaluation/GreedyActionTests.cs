using Trpo.Core.Environments;
using Trpo.Core.Evaluation;

namespace Trpo.Core.Tests.Evaluation;

public class GreedyActionTests
{
    [Fact]
    public void A_discrete_action_is_the_index_of_the_largest_logit()
    {
        var spec = new Acrobot().Spec;
        var action = new double[1];
        GreedyAction.Of(spec, [0.1, 2.5, -3.0], action);
        Assert.Equal(1.0, action[0]);
        GreedyAction.Of(spec, [-1.0, -2.0, 7.0], action);
        Assert.Equal(2.0, action[0]);
    }

    [Fact]
    public void Tied_logits_give_the_first_index_as_numpy_and_torch_argmax_do()
    {
        var action = new double[1];
        GreedyAction.Of(new CartPole().Spec, [0.0, 0.0], action);
        Assert.Equal(0.0, action[0]);
        GreedyAction.Of(new Acrobot().Spec, [1.0, 3.0, 3.0], action);
        Assert.Equal(1.0, action[0]);
    }

    [Theory]
    [InlineData(0.75, 0.75)]
    [InlineData(5.0, 2.0)]
    [InlineData(-2.5, -2.0)]
    [InlineData(2.0, 2.0)]
    public void A_continuous_action_is_the_mean_clipped_to_the_bounds(double mean, double expected)
    {
        var action = new double[1];
        GreedyAction.Of(new Pendulum().Spec, [mean], action); // Box(-2, 2)
        Assert.Equal(expected, action[0]);
    }

    [Fact]
    public void Each_dimension_is_clipped_to_its_own_bounds_and_trailing_gsde_features_are_ignored()
    {
        var spec = new Reacher2D().Spec; // Box(-1, 1, (2,))
        var action = new double[2];
        GreedyAction.Of(spec, [3.0, -0.25, 99.0, -99.0], action);
        Assert.Equal([1.0, -0.25], action);
    }
}
