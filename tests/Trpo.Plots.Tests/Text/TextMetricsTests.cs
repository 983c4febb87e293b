using Trpo.Plots.Text;

namespace Trpo.Plots.Tests.Text;

public class TextMetricsTests
{
    [Fact]
    public void Width_grows_with_length_and_font_size()
    {
        Assert.True(TextMetrics.Width("100k", 11) > TextMetrics.Width("10k", 11));
        Assert.Equal(2 * TextMetrics.Width("abc", 10), TextMetrics.Width("abc", 20), 9);
        Assert.Equal(0, TextMetrics.Width("", 12));
    }

    [Fact]
    public void Fit_keeps_short_text_and_cuts_long_text_to_the_width_with_an_ellipsis()
    {
        Assert.Equal("short", TextMetrics.Fit("short", 200, 11));
        string cut = TextMetrics.Fit(new string('a', 200), 100, 11);
        Assert.EndsWith("…", cut);
        Assert.True(TextMetrics.Width(cut, 11) <= 100, $"'{cut}' is wider than 100 px");
        Assert.True(cut.Length > 5);
    }
}
