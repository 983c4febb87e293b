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
