using Trpo.Cli.Configuration;

namespace Trpo.Cli.Tests.Configuration;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("delta", "delta", 0)]
    [InlineData("deltta", "delta", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("gamma", "lam", 3)]
    public void Levenshtein_counts_insertions_deletions_and_substitutions(string a, string b, int expected)
    {
        Assert.Equal(expected, Suggestions.Levenshtein(a, b));
        Assert.Equal(expected, Suggestions.Levenshtein(b, a));
    }

    [Theory]
    [InlineData("deltta", "delta")]
    [InlineData("DELTA_", "delta")]
    [InlineData("hidden_size", "hidden_sizes")]
    [InlineData("step_per_epoch", "steps_per_epoch")]
    [InlineData("vf_lt", "vf_lr")]
    public void Closest_suggests_the_nearest_known_key(string typed, string expected)
        => Assert.Equal(expected, Suggestions.Closest(typed, OptionKeys.AllNames));

    [Fact]
    public void Closest_suggests_nothing_for_an_unrelated_name()
        => Assert.Null(Suggestions.Closest("learning_rate_of_the_policy", OptionKeys.AllNames));
}
