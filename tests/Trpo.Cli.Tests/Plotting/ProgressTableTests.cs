using Trpo.Cli.Errors;
using Trpo.Cli.Output;
using Trpo.Cli.Plotting;
using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Plotting;

public sealed class ProgressTableTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "trpo-progress-" + Path.GetRandomFileName());

    public ProgressTableTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ProgressTable Parse(string text) => ProgressTable.Parse(new StringReader(text), "runs/x/progress.csv");

    [Fact]
    public void Numbers_read_round_trip_doubles_nan_infinities_and_empty_cells()
    {
        var table = Parse("epoch,env_steps,kl,skip_reason\n1,64,0.0087,\n2,128,NaN,\"a, b\"\n3,192,-Infinity,\n4,256,,\n");
        Assert.Equal(4, table.RowCount);
        Assert.Equal([0.0087, double.NaN, double.NegativeInfinity, double.NaN], table.Numbers("kl"));
        Assert.Equal(["", "a, b", "", ""], table.Text("skip_reason"));
        Assert.Equal([64.0, 128, 192, 256], table.Numbers("env_steps"));
    }

    [Fact]
    public void A_last_line_without_its_line_end_is_a_row_being_written_and_is_left_out()
        => Assert.Equal(1, Parse("epoch,env_steps,kl\n1,64,0.1\n2,128,0.").RowCount);

    [Fact]
    public void A_known_column_the_file_lacks_reads_as_nan()
        => Assert.All(Parse("epoch,env_steps\n1,64\n").Numbers("value_loss"), v => Assert.True(double.IsNaN(v)));

    [Fact]
    public void An_unknown_column_name_is_a_programming_error()
        => Assert.Throws<ArgumentException>(() => Parse("epoch,env_steps\n1,64\n").Numbers("klx"));

    [Fact]
    public void A_file_without_the_epoch_column_is_rejected_with_its_path()
    {
        var error = Assert.Throws<UserError>(() => Parse("a,b\n1,2\n"));
        Assert.Equal("runs/x/progress.csv has no 'epoch' column; is it a trpo progress.csv?", error.Message);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_rejected_with_its_number()
    {
        var error = Assert.Throws<UserError>(() => Parse("epoch,env_steps\n1,64\n2\n3,192\n"));
        Assert.Equal("runs/x/progress.csv: row 2 has 1 fields but the header has 2", error.Message);
    }

    [Fact]
    public void An_empty_file_is_rejected()
        => Assert.Equal("runs/x/progress.csv is empty (no header)", Assert.Throws<UserError>(() => Parse("")).Message);

    [Fact]
    public void What_the_progress_writer_writes_reads_back_while_the_file_is_still_open()
    {
        string path = Path.Combine(_dir, "progress.csv");
        using var writer = ProgressCsvWriter.Create(path);
        writer.Append(FakeEngine.ReportFor(1, 64), 0.5);
        writer.Append(FakeEngine.ReportFor(2, 64), 1.0);

        var table = ProgressTable.Read(path, "progress.csv");
        Assert.Equal(ProgressColumns.All.Select(c => c.Name), table.Columns);
        Assert.Equal([10.5, double.NaN], table.Numbers("return_mean"));
        Assert.Equal([0.30000000000000004, 0], table.Numbers("surrogate_improvement"));
        Assert.Equal(["", "curvature <= 0, step skipped"], table.Text("skip_reason"));
    }
}
