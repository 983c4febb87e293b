using System.Text.Json;
using Trpo.Cli.Errors;

namespace Trpo.Cli.Configuration;

/// <summary>
/// Reads a <c>--config</c> file and checks it with System.Text.Json's reader before the configuration provider
/// sees it, so that a malformed file is reported with its path, line and column.
/// </summary>
public static class JsonConfigFile
{
    /// <summary>The reader options the JSON configuration provider uses too: comments skipped, trailing commas allowed.</summary>
    public static JsonReaderOptions ReaderOptions { get; } = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The file's bytes, checked to be one well-formed JSON object; a user error otherwise.</summary>
    /// <param name="displayPath">The path as the user typed it, for messages.</param>
    /// <param name="fullPath">The resolved path.</param>
    public static byte[] Read(string displayPath, string fullPath)
    {
        if (Directory.Exists(fullPath))
            throw new UserError($"config file '{displayPath}' is a folder, not a file");
        if (!File.Exists(fullPath))
            throw new UserError($"config file '{displayPath}' not found");

        var bytes = File.ReadAllBytes(fullPath);
        Check(displayPath, bytes);
        return bytes;
    }

    /// <summary>Throws a user error quoting path, line and column (1-based) unless <paramref name="bytes"/> hold one JSON object.</summary>
    public static void Check(string displayPath, byte[] bytes)
    {
        // A UTF-8 byte order mark is allowed (the provider reads through a StreamReader, which drops it).
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            span = span[3..];
        var reader = new Utf8JsonReader(span, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new UserError($"config file '{displayPath}' must hold a JSON object, e.g. {{\"delta\": 0.02}} (line 1)");
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw new UserError($"config file '{displayPath}' is not valid JSON: line {line}, column {column}: {Reason(ex.Message)}");
        }
    }

    /// <summary>The reader's message without its own position suffix (" LineNumber: 2 | BytePositionInLine: 7.").</summary>
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var reason = (cut >= 0 ? message[..cut] : message).Trim();
        return reason.ReplaceLineEndings(" ");
    }
}
