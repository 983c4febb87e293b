namespace Trpo.Cli.Hosting;

/// <summary>Quoting for commands the tool prints for the user to paste (e.g. <c>trpo resume DIR</c>).</summary>
public static class Shell
{
    /// <summary><paramref name="word"/> as is when it needs no quoting in a POSIX shell, else in single quotes.</summary>
    public static string Quote(string word)
        => word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=+:,@%".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
