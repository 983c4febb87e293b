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

public sealed class MatrixParserTests
{
    private static RawValue Text(string text) => new("lqr_a", text, null, "--set");

    [Theory]
    [InlineData("1,0.1;0,1")]
    [InlineData(" 1 , 0.1 ; 0 , 1 ")]
    [InlineData("[[1, 0.1], [0, 1]]")]
    public void Matrix_text_is_rows_separated_by_semicolons_or_json(string text)
        => Assert.Equal(new[,] { { 1.0, 0.1 }, { 0.0, 1.0 } }, ValueParsers.Matrix(Text(text)));

    [Fact]
    public void A_single_number_is_a_one_by_one_matrix_and_a_flat_list_one_row()
    {
        Assert.Equal(new[,] { { 0.1 } }, ValueParsers.Matrix(Text("0.1")));
        Assert.Equal(new[,] { { 1.0, 2.0 } }, ValueParsers.Matrix(Text("[1, 2]")));
        Assert.Equal(new[,] { { 3.0, 4.0 } }, ValueParsers.Matrix(new RawValue("lqr_a", null, ["3", "4"], "config file 'c.json'")));
    }

    [Fact]
    public void Json_rows_from_a_config_file_are_read_in_order()
    {
        var value = new RawValue("lqr_b", null, null, "config file 'c.json'") { Rows = [["0.005"], ["0.1"]] };

        Assert.Equal(new[,] { { 0.005 }, { 0.1 } }, ValueParsers.Matrix(value));
        Assert.Equal("[[0.005], [0.1]]", value.Display);
    }

    [Theory]
    [InlineData("1,2;3")]
    [InlineData("1,x")]
    [InlineData("")]
    [InlineData("[[1, 2], 3]")]
    [InlineData("[[1, 2]")]
    [InlineData("1,NaN")]
    [InlineData("1e999")]
    public void Ragged_non_numeric_or_non_finite_matrices_are_rejected(string text)
    {
        var error = Assert.Throws<UserError>(() => ValueParsers.Matrix(Text(text)));
        Assert.StartsWith("lqr_a: expected a matrix such as 1,0.1;0,1", error.Message);
    }

    [Theory]
    [InlineData("1,0.5", new[] { 1.0, 0.5 })]
    [InlineData("[0.25]", new[] { 0.25 })]
    [InlineData("2", new[] { 2.0 })]
    public void Double_list_reads_comma_separated_and_bracketed_text(string text, double[] expected)
        => Assert.Equal(expected, ValueParsers.DoubleList(new RawValue("lqr_start_high", text, null, "--set")));
}
