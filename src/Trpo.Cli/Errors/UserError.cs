using System.Globalization;
using System.Text;

namespace Trpo.Cli.Errors;

/// <summary>
/// A mistake in what the user asked for (arguments, configuration, paths). It is reported as one line,
/// <c>error: {Message}</c>, on stderr and ends the process with <see cref="ExitCodes.BadInput"/>.
/// Messages quote the offending key and value and, where possible, say what would be accepted. Control
/// characters in a message (a newline inside a quoted key, say) are written as escapes (<c>\n</c>, <c>\u0007</c>)
/// so that the message stays one line whatever the input was.
/// </summary>
public sealed class UserError : Exception
{
    /// <summary>A one-line error.</summary>
    public UserError(string message) : base(OneLine(message)) => Details = [];

    /// <summary>An error line followed by indented detail lines (a resume's configuration diff: one key per line).</summary>
    public UserError(string message, IReadOnlyList<string> details) : base(OneLine(message)) => Details = details.Select(OneLine).ToList();

    /// <summary>Lines printed under the error line, indented by two spaces.</summary>
    public IReadOnlyList<string> Details { get; }

    /// <summary><paramref name="text"/> with every control character escaped.</summary>
    public static string OneLine(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var line = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            line.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return line.ToString();
    }
}
