using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Trpo.Cli.Configuration;
using Trpo.Cli.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Trpo.Cli.Batch;

/// <summary>
/// Reads an experiment file into a JSON tree: JSON (comments and trailing commas allowed, as for <c>--config</c>)
/// or, for <c>.yaml</c>/<c>.yml</c> files, YAML through YamlDotNet. YAML scalars arrive as strings; the experiment
/// parser reads every scalar as text, so <c>lam: 0.9</c> and <c>"lam": 0.9</c> mean the same.
/// Syntax errors are one line naming the file, line and column.
/// </summary>
public static class ExperimentDocument
{
    /// <summary>The file's root object.</summary>
    /// <param name="displayPath">The path as the user typed it, for messages.</param>
    /// <param name="fullPath">The resolved path.</param>
    public static JsonObject Read(string displayPath, string fullPath)
    {
        if (Directory.Exists(fullPath))
            throw new UserError($"experiment file '{displayPath}' is a folder, not a file");
        if (!File.Exists(fullPath))
            throw new UserError($"experiment file '{displayPath}' not found");
        var bytes = File.ReadAllBytes(fullPath);
        return IsYaml(fullPath) ? ParseYaml(displayPath, Encoding.UTF8.GetString(bytes)) : ParseJson(displayPath, bytes);
    }

    /// <summary>True for <c>.yaml</c> and <c>.yml</c> files.</summary>
    public static bool IsYaml(string path)
        => path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses JSON text (a UTF-8 byte order mark allowed) into its root object.</summary>
    public static JsonObject ParseJson(string displayPath, byte[] bytes)
    {
        try
        {
            JsonConfigFile.Check(displayPath, bytes);
        }
        catch (UserError error)
        {
            throw new UserError(error.Message.Replace("config file", "experiment file", StringComparison.Ordinal));
        }
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            span = span[3..];
        RejectDuplicateKeys(displayPath, span);
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        return JsonNode.Parse(span, documentOptions: options)!.AsObject();
    }

    /// <summary>Parses YAML text into a JSON tree of objects, arrays and string scalars.</summary>
    public static JsonObject ParseYaml(string displayPath, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var reason = ex.InnerException?.Message ?? ex.Message;
            throw new UserError($"experiment file '{displayPath}' is not valid YAML: line {ex.Start.Line}, column {ex.Start.Column}: {reason.ReplaceLineEndings(" ")}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these instead of a YamlException on some malformed input (e.g. "- : " gives
            // ArgumentException "The current event is of an unsupported type"), found by ParserFuzzTests.
            throw new UserError($"experiment file '{displayPath}' is not valid YAML: the YAML reader could not make sense of it");
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new UserError($"experiment file '{displayPath}' must hold one YAML mapping, e.g. name: my-sweep (line 1)");
        return (JsonObject)Convert(displayPath, root)!;
    }

    private static JsonNode? Convert(string displayPath, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode scalarKey ? scalarKey.Value ?? "" : throw new UserError(
                        $"experiment file '{displayPath}': line {key.Start.Line}: keys must be plain names");
                    if (obj.ContainsKey(name))
                        throw new UserError($"experiment file '{displayPath}': line {key.Start.Line}: duplicate key '{name}'");
                    obj[name] = Convert(displayPath, value);
                }
                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                    array.Add(Convert(displayPath, item));
                return array;
            case YamlScalarNode scalar:
                // A plain "null" or "~" is YAML's null; everything else stays text.
                return scalar.Style == ScalarStyle.Plain && scalar.Value is null or "null" or "~" or "" ? null : JsonValue.Create(scalar.Value);
            default:
                throw new UserError($"experiment file '{displayPath}': line {node.Start.Line}: aliases are not supported");
        }
    }

    /// <summary>
    /// JsonNode keeps no duplicate keys (it throws on them without saying where), so the file is walked with the
    /// reader first: the same key twice in one object is a user error naming its path.
    /// </summary>
    private static void RejectDuplicateKeys(string displayPath, ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, JsonConfigFile.ReaderOptions);
        var scopes = new Stack<(HashSet<string>? Keys, string Path)>();
        string? property = null;
        string Child(string parent) => property is null ? parent : JsonPath.Join(parent, property);
        while (reader.Read())
        {
            var path = scopes.Count == 0 ? "" : scopes.Peek().Path;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    scopes.Push((new HashSet<string>(StringComparer.Ordinal), Child(path)));
                    property = null;
                    break;
                case JsonTokenType.StartArray:
                    scopes.Push((null, Child(path)));
                    property = null;
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    scopes.Pop();
                    property = null;
                    break;
                case JsonTokenType.PropertyName:
                    property = reader.GetString()!;
                    if (!scopes.Peek().Keys!.Add(property))
                        throw new UserError($"experiment file '{displayPath}': duplicate key '{JsonPath.Join(path, property)}'");
                    break;
                default:
                    property = null;
                    break;
            }
        }
    }
}
