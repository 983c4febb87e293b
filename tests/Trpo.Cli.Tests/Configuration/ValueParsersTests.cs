using Trpo.Cli.Configuration;
using Trpo.Cli.Errors;
using Trpo.Core.Training;

namespace Trpo.Cli.Tests.Configuration;

public sealed class ValueParsersTests
{
    private static RawValue Text(string text) => new("k", text, null, "--set");

    [Theory]
    [InlineData("64,64", new[] { 64, 64 })]
    [InlineData("[64, 64]", new[] { 64, 64 })]
    [InlineData(" 32 , 16 ,8 ", new[] { 32, 16, 8 })]
    [InlineData("7", new[] { 7 })]
    [InlineData("", new int[0])]
    [InlineData("[ ]", new int[0])]
    public void Int_list_reads_comma_separated_and_bracketed_text(string text, int[] expected)
        => Assert.Equal(expected, ValueParsers.IntList(Text(text)));

    [Fact]
    public void Int_list_reads_json_array_elements()
        => Assert.Equal([16, 8], ValueParsers.IntList(new RawValue("hidden_sizes", null, ["16", "8"], "config file 'c.json'")));

    [Theory]
    [InlineData("1e-3", 1e-3)]
    [InlineData("0.30000000000000004", 0.30000000000000004)]
    [InlineData("-2", -2.0)]
    public void Double_is_parsed_with_the_invariant_culture(string text, double expected)
        => Assert.Equal(expected, ValueParsers.Double(Text(text)));

    [Theory]
    [InlineData("0,5")]
    [InlineData("Infinity")]
    [InlineData("")]
    public void Double_rejects_text_that_is_not_a_finite_invariant_number(string text)
        => Assert.Throws<UserError>(() => ValueParsers.Double(Text(text)));

    [Theory]
    [InlineData("True", true)]
    [InlineData("false", false)]
    public void Bool_accepts_true_and_false_in_any_case(string text, bool expected)
        => Assert.Equal(expected, ValueParsers.Bool(Text(text)));

    [Theory]
    [InlineData("uniform", WeightInit.Uniform)]
    [InlineData("Orthogonal", WeightInit.Orthogonal)]
    public void Init_accepts_the_two_names_in_any_case(string text, WeightInit expected)
        => Assert.Equal(expected, ValueParsers.Init(Text(text)));
}
