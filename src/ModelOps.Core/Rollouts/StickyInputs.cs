using System.Globalization;
using ModelOps.Tensors;

namespace ModelOps.Rollouts;

/// <summary>
/// The value sticky routing by input keys on: the first element of the named input tensor, as invariant text (numbers
/// in their shortest round-trip form, booleans as <c>true</c>/<c>false</c>), so the same value in the OIP form and in
/// a <c>rows</c> request's column (its JSON text) lands in the same bucket.
/// </summary>
public static class StickyInputs
{
    /// <summary>Reads the first value of an input by name; null when there is no such tensor or it is empty.</summary>
    public static Func<string, string?> Of(IReadOnlyList<NamedValue> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return name =>
        {
            foreach (var input in inputs)
            {
                if (string.Equals(input.Name, name, StringComparison.Ordinal))
                {
                    return input.Value is Tensor { Length: > 0 } tensor ? Text(tensor.Data.GetValue(0)) : null;
                }
            }

            return null;
        };
    }

    /// <summary>The invariant text of one element.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
