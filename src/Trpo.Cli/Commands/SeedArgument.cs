using System.Globalization;
using Trpo.Cli.Errors;

namespace Trpo.Cli.Commands;

/// <summary>A Gymnasium reset seed typed on the command line (<c>--seed S</c> of <c>trpo env replay</c> and <c>trpo eval</c>).</summary>
public static class SeedArgument
{
    /// <summary>S as a non-negative 64-bit integer, or a <see cref="UserError"/> naming the text.</summary>
    public static ulong Parse(string text)
        => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)
            ? seed
            : throw new UserError($"--seed must be an integer in 0..{ulong.MaxValue}, got '{text}'");
}
