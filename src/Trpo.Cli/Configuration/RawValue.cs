namespace Trpo.Cli.Configuration;

/// <summary>
/// One key's value as the winning configuration layer gives it, before parsing: a scalar string (command line,
/// environment variable, JSON scalar), the elements of a JSON array, or the rows of a JSON array of arrays
/// (<see cref="Rows"/>, for matrices such as <c>lqr_a</c>).
/// </summary>
/// <param name="Key">The key, lower case (e.g. <c>delta</c>).</param>
/// <param name="Scalar">The scalar text, or null when the layer holds an array or an object.</param>
/// <param name="Elements">The array elements in order, or null when the layer holds a scalar, an array of arrays or an object.</param>
/// <param name="Source">Where the value came from, for messages: <c>--set</c>, <c>config file 'a.json'</c>, ...</param>
public sealed record RawValue(string Key, string? Scalar, IReadOnlyList<string>? Elements, string Source)
{
    /// <summary>The rows of a JSON array of arrays of scalars, in order, or null otherwise.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? Rows { get; init; }

    /// <summary>The value as the user wrote it, for quoting in messages.</summary>
    public string Display => Scalar
        ?? (Elements is not null ? "[" + string.Join(", ", Elements) + "]"
        : Rows is not null ? "[" + string.Join(", ", Rows.Select(row => "[" + string.Join(", ", row) + "]")) + "]"
        : "{...}");
}
