using System.Text.Json.Nodes;
using Trpo.Cli.Plotting;
using Trpo.Plots.Html;

namespace Trpo.Cli.Tests.Plotting;

public class ReportTests
{
    private static RunRecord WithSummary()
        => RunGroupingTests.Run("cp", """{"env": "CartPole-v1", "seed": 0, "delta": 0.01}""") with
        {
            Summary = (JsonObject)JsonNode.Parse("""{"env": "CartPole-v1", "status": "completed", "wall_seconds": 12.5, "final_return_mean": 2}""")!,
        };

    [Fact]
    public void A_run_page_shows_its_plots_summary_and_configuration_without_wall_clock_time()
    {
        string html = HtmlReportWriter.Render(RunReport.ForRun(WithSummary(), [("learning_curve.svg", "curve")]));
        Assert.Contains("<img src=\"learning_curve.svg\"", html);
        Assert.Contains("<td>final_return_mean</td><td class=\"num\">2</td>", html);
        Assert.Contains("<td>delta</td><td class=\"num\">0.01</td>", html);
        Assert.DoesNotContain("wall_seconds", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void A_run_page_without_summary_says_so()
    {
        string html = HtmlReportWriter.Render(RunReport.ForRun(RunGroupingTests.Run("x", null), []));
        Assert.Contains("No summary.json yet", html);
        Assert.Contains("No config.json in this folder.", html);
    }

    [Fact]
    public void A_batch_page_links_each_run_relative_to_the_page_and_lists_the_tables()
    {
        var run = WithSummary() with { Path = "/batch/runs/cp" };
        var table = new ReportTable(["configuration", "final return"], [["delta=0.01", "475 ± 12"]]) { Caption = "final.csv" };
        var report = BatchReport.Build("sweep", "3 seeds", [("CartPole-v1/learning_curve.svg", "CartPole-v1")], [table], [(run, "delta=0.01")], "/batch", ["grouped by config"]);
        string html = HtmlReportWriter.Render(report);
        Assert.Contains("<a href=\"runs/cp\">cp</a>", html);
        Assert.Contains("<td class=\"num\">475 ± 12</td>", html);
        Assert.Contains("<img src=\"CartPole-v1/learning_curve.svg\"", html);
        Assert.Contains("<p>grouped by config</p>", html);
        Assert.Contains("<td>completed</td>", html);
    }
}
