using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ModelOps.Retraining;

/// <summary>
/// The placeholders of an external trainer's declared arguments: <c>{data}</c>, <c>{output}</c>, <c>{parameters}</c>
/// (paths of the run) and <c>{param:NAME}</c> (one scalar parameter of the training configuration). Each argument stays
/// one argument: values are substituted into it, never split or handed to a shell.
/// </summary>
public static partial class ExternalTrainerArguments
{
    /// <summary>The parameter names the <c>{param:NAME}</c> placeholders of <paramref name="command"/> refer to.</summary>
    public static IEnumerable<string> ParameterPlaceholders(IEnumerable<string> command) =>
        command.SelectMany(arg => ParameterPattern().Matches(arg).Select(m => m.Groups[1].Value)).Distinct(StringComparer.Ordinal);

    /// <summary>Whether a parameter can go into an argument: a string, number or boolean.</summary>
    public static bool IsScalar(JsonElement value) =>
        value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    /// <summary>One argument with the run's paths and the parameters' values put in.</summary>
    public static string Expand(string argument, string data, string output, string parametersFile, IReadOnlyDictionary<string, JsonElement> parameters)
    {
        ArgumentNullException.ThrowIfNull(argument);
        ArgumentNullException.ThrowIfNull(parameters);
        var expanded = argument.Replace("{data}", data, StringComparison.Ordinal)
            .Replace("{output}", output, StringComparison.Ordinal)
            .Replace("{parameters}", parametersFile, StringComparison.Ordinal);
        return ParameterPattern().Replace(expanded, match =>
            parameters.TryGetValue(match.Groups[1].Value, out var value) && IsScalar(value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText().ToString(CultureInfo.InvariantCulture)
                : throw new RetrainingException($"The external trainer's argument needs parameter '{match.Groups[1].Value}', which the training configuration does not give as a scalar."));
    }

    [GeneratedRegex(@"\{param:([A-Za-z0-9_.-]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterPattern();
}
