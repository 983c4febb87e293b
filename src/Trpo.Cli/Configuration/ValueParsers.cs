using System.Globalization;
using Trpo.Cli.Errors;
using Trpo.Core.Training;

namespace Trpo.Cli.Configuration;

/// <summary>
/// Parses raw configuration values into typed ones, invariant culture, and throws a <see cref="UserError"/>
/// that quotes key, value and source when the text does not fit the type.
/// </summary>
public static class ValueParsers
{
    /// <summary>A finite double, e.g. <c>0.01</c> or <c>1e-3</c>.</summary>
    public static double Double(RawValue value)
    {
        var text = Scalar(value, "a number");
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
            return parsed;
        throw WrongType(value, "a number");
    }

    /// <summary>A 32-bit integer, e.g. <c>4000</c>.</summary>
    public static int Int(RawValue value)
    {
        var text = Scalar(value, "an integer");
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw WrongType(value, "an integer");
    }

    /// <summary><c>true</c> or <c>false</c> (any case).</summary>
    public static bool Bool(RawValue value)
    {
        var text = Scalar(value, "true or false");
        return bool.TryParse(text, out var parsed) ? parsed : throw WrongType(value, "true or false");
    }

    /// <summary>A weight initialisation name: <c>uniform</c> or <c>orthogonal</c> (any case).</summary>
    public static WeightInit Init(RawValue value)
    {
        const string expected = "uniform or orthogonal";
        var text = Scalar(value, expected);
        return text.Trim().ToLowerInvariant() switch
        {
            "uniform" => WeightInit.Uniform,
            "orthogonal" => WeightInit.Orthogonal,
            _ => throw WrongType(value, expected),
        };
    }

    /// <summary>
    /// A list of integers: a JSON array (<c>[64, 64]</c>) or text, <c>64,64</c> or <c>[64, 64]</c>.
    /// Empty text or an empty array gives an empty list (which validation then rejects with its own message).
    /// </summary>
    public static int[] IntList(RawValue value)
    {
        const string expected = "a list of integers such as 64,64";
        IEnumerable<string> items;
        if (value.Elements is not null)
            items = value.Elements;
        else if (value.Scalar is not null)
        {
            var text = value.Scalar.Trim();
            if (text.StartsWith('[') && text.EndsWith(']'))
                text = text[1..^1];
            items = text.Trim().Length == 0 ? [] : text.Split(',');
        }
        else
            throw WrongType(value, expected);

        var list = new List<int>();
        foreach (var item in items)
        {
            if (!int.TryParse(item.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                throw WrongType(value, expected);
            list.Add(parsed);
        }
        return list.ToArray();
    }

    /// <summary>
    /// A list of finite doubles: a JSON array (<c>[1, 0.5]</c>) or text, <c>1,0.5</c> or <c>[1, 0.5]</c>; a single
    /// number is a list of one.
    /// </summary>
    public static double[] DoubleList(RawValue value)
    {
        const string expected = "a list of numbers such as 1,0.5";
        IEnumerable<string> items;
        if (value.Elements is not null)
            items = value.Elements;
        else if (value.Scalar is not null)
        {
            var text = value.Scalar.Trim();
            if (text.StartsWith('[') && text.EndsWith(']'))
                text = text[1..^1];
            items = text.Trim().Length == 0 ? [] : text.Split(',');
        }
        else
            throw WrongType(value, expected);
        return items.Select(item => ParseFinite(item) ?? throw WrongType(value, expected)).ToArray();
    }

    /// <summary>
    /// A matrix of finite doubles, rows in order: a JSON array of arrays (<c>[[1, 0.1], [0, 1]]</c>, in a config
    /// file) or text with rows separated by <c>;</c> and elements by <c>,</c> (<c>1,0.1;0,1</c>), which may also be
    /// written as JSON (<c>[[1,0.1],[0,1]]</c>). A single number is a 1×1 matrix, a flat list one row.
    /// Every row must have the same length.
    /// </summary>
    public static double[,] Matrix(RawValue value)
    {
        const string expected = "a matrix such as 1,0.1;0,1 (rows separated by ';') or [[1, 0.1], [0, 1]]";
        IReadOnlyList<IReadOnlyList<string>> rows;
        if (value.Rows is not null)
            rows = value.Rows;
        else if (value.Elements is not null)
            rows = [value.Elements];
        else if (value.Scalar is not null)
            rows = MatrixRows(value.Scalar) ?? throw WrongType(value, expected);
        else
            throw WrongType(value, expected);

        if (rows.Count == 0 || rows[0].Count == 0 || rows.Any(row => row.Count != rows[0].Count))
            throw WrongType(value, expected);
        var matrix = new double[rows.Count, rows[0].Count];
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < rows[i].Count; j++)
                matrix[i, j] = ParseFinite(rows[i][j]) ?? throw WrongType(value, expected);
        return matrix;
    }

    /// <summary>Splits matrix text into rows of element texts: JSON (<c>[[1,2],[3,4]]</c>, <c>[1,2]</c>) or <c>1,2;3,4</c>; null when it is neither.</summary>
    private static List<IReadOnlyList<string>>? MatrixRows(string text)
    {
        text = text.Trim();
        if (!text.StartsWith('['))
            return text.Length == 0 ? null : text.Split(';').Select(row => (IReadOnlyList<string>)row.Split(',')).ToList();
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != System.Text.Json.JsonValueKind.Array)
                return null;
            var elements = root.EnumerateArray().ToList();
            if (elements.All(e => e.ValueKind == System.Text.Json.JsonValueKind.Number))
                return [elements.Select(e => e.GetRawText()).ToList()];
            if (!elements.All(e => e.ValueKind == System.Text.Json.JsonValueKind.Array))
                return null;
            return elements
                .Select(row => (IReadOnlyList<string>)row.EnumerateArray().Select(e => e.GetRawText()).ToList())
                .ToList();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static double? ParseFinite(string text)
        => double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed)
            ? parsed
            : null;

    /// <summary>Non-empty text, e.g. an environment id.</summary>
    public static string Text(RawValue value, string expected)
    {
        var text = Scalar(value, expected).Trim();
        return text.Length > 0 ? text : throw WrongType(value, expected);
    }

    private static string Scalar(RawValue value, string expected)
        => value.Scalar ?? throw WrongType(value, expected);

    /// <summary>The one-line message for a value of the wrong type.</summary>
    public static UserError WrongType(RawValue value, string expected)
        => new($"{value.Key}: expected {expected}, got '{value.Display}' (from {value.Source})");
}
