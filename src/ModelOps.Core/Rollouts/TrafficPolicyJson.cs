using System.Globalization;
using System.Text.Json;
using ModelOps.Errors;

namespace ModelOps.Rollouts;

/// <summary>
/// Reads a traffic policy from its JSON body (<c>{"weights": {"1": 90, "2": 10}, "sticky": {"header": "x-user"},
/// "mirror": {"version": 3, "percent": 20}}</c>; sticky by an input's value: <c>"sticky": {"input": "customer_id"}</c>)
/// strictly: every mistake is a 400 that names the field at fault.
/// </summary>
public static class TrafficPolicyJson
{
    public static TrafficPolicy Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw ModelOpsException.Invalid("The traffic policy must be a JSON object.");
        }

        IReadOnlyDictionary<int, int>? weights = null;
        StickyRouting? sticky = null;
        TrafficMirror? mirror = null;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "weights":
                    weights = ParseWeights(property.Value);
                    break;
                case "sticky":
                    sticky = property.Value.ValueKind == JsonValueKind.Null ? null : ParseSticky(property.Value);
                    break;
                case "mirror":
                    mirror = property.Value.ValueKind == JsonValueKind.Null ? null : ParseMirror(property.Value);
                    break;
                default:
                    throw ModelOpsException.Invalid($"'{property.Name}' is not a field of a traffic policy (weights, sticky, mirror).");
            }
        }

        var policy = new TrafficPolicy(weights ?? throw ModelOpsException.Invalid("'weights' is required: percent per version, summing to 100."), sticky, mirror);
        Validate(policy);
        return policy;
    }

    /// <summary>Checks the rules a policy built in code must keep too.</summary>
    public static void Validate(TrafficPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Weights.Count == 0)
        {
            throw ModelOpsException.Invalid("'weights' must name at least one version.");
        }

        foreach (var (version, weight) in policy.Weights)
        {
            if (version < 1)
            {
                throw ModelOpsException.Invalid(Text($"'weights.{version}': versions count from 1."));
            }

            if (weight is < 0 or > 100)
            {
                throw ModelOpsException.Invalid(Text($"'weights.{version}' is {weight}: a weight is a percent from 0 to 100."));
            }
        }

        var sum = policy.Weights.Values.Sum();
        if (sum != 100)
        {
            throw ModelOpsException.Invalid(Text($"'weights' sum to {sum}, not 100."));
        }

        if (policy.Sticky is { } sticky)
        {
            if ((sticky.Header is null) == (sticky.Input is null))
            {
                throw ModelOpsException.Invalid("'sticky' takes exactly one of 'header' (a request header) or 'input' (a request input's value).");
            }

            if (sticky.Header is { } header && (string.IsNullOrWhiteSpace(header) || !header.All(IsTokenChar)))
            {
                throw ModelOpsException.Invalid("'sticky.header' must be a header name.");
            }

            if (sticky.Input is { } input && (string.IsNullOrWhiteSpace(input) || input.Length > 256 || input.Any(char.IsControl)))
            {
                throw ModelOpsException.Invalid("'sticky.input' must be the name of a model input (1 to 256 characters, no control characters).");
            }
        }

        if (policy.Mirror is { } mirror)
        {
            if (mirror.Version < 1)
            {
                throw ModelOpsException.Invalid("'mirror.version': versions count from 1.");
            }

            if (mirror.Percent is < 1 or > 100)
            {
                throw ModelOpsException.Invalid(Text($"'mirror.percent' is {mirror.Percent}: a percent from 1 to 100."));
            }

            if (policy.Weights.TryGetValue(mirror.Version, out var weight) && weight > 0)
            {
                throw ModelOpsException.Invalid(Text($"'mirror.version': version {mirror.Version} answers {weight} % of the requests already; mirror a version that does not."));
            }
        }
    }

    private static Dictionary<int, int> ParseWeights(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw ModelOpsException.Invalid("'weights' must be an object of version to percent, e.g. {\"1\": 90, \"2\": 10}.");
        }

        var weights = new Dictionary<int, int>();
        foreach (var property in element.EnumerateObject())
        {
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
            {
                throw ModelOpsException.Invalid($"'weights.{property.Name}': a key must be a version number (1, 2, ...).");
            }

            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var weight))
            {
                throw ModelOpsException.Invalid($"'weights.{property.Name}' must be a whole percent.");
            }

            weights[version] = weight;
        }

        return weights;
    }

    private static StickyRouting ParseSticky(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw ModelOpsException.Invalid("'sticky' must be an object: {\"header\": \"x-user-id\"} or {\"input\": \"customer_id\"}.");
        }

        string? header = null;
        string? input = null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String || property.Name is not ("header" or "input"))
            {
                throw ModelOpsException.Invalid($"'sticky.{property.Name}' is not valid: sticky takes one string field, 'header' or 'input'.");
            }

            if (property.Name == "header")
            {
                header = property.Value.GetString();
            }
            else
            {
                input = property.Value.GetString();
            }
        }

        return header is null && input is null
            ? throw ModelOpsException.Invalid("'sticky' needs 'header' (a request header) or 'input' (a request input's value).")
            : new StickyRouting(header, input);
    }

    private static TrafficMirror ParseMirror(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw ModelOpsException.Invalid("'mirror' must be an object: {\"version\": 3, \"percent\": 20}.");
        }

        int? version = null;
        int? percent = null;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var number)
                ? number
                : throw ModelOpsException.Invalid($"'mirror.{property.Name}' must be a whole number.");
            switch (property.Name)
            {
                case "version":
                    version = value;
                    break;
                case "percent":
                    percent = value;
                    break;
                default:
                    throw ModelOpsException.Invalid($"'mirror.{property.Name}' is not a field of a mirror (version, percent).");
            }
        }

        return new TrafficMirror(
            version ?? throw ModelOpsException.Invalid("'mirror.version' is required."),
            percent ?? throw ModelOpsException.Invalid("'mirror.percent' is required."));
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
