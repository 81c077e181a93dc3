using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelOps.Errors;
using ModelOps.Monitoring.Checks;
using ModelOps.Registry;

namespace ModelOps.Monitoring.Feedback;

/// <summary>
/// Takes feedback labels (<c>{"id", "label", "row"?}</c>, one or an array) for a model's past predictions. Each item is
/// checked on its own: an item without a string id, with a label of the wrong type for the model (text or a class
/// name for a classifier, a number for a regressor) or naming a class the model does not have is refused and the rest
/// are stored. Whether an id matches a captured prediction is known when a check joins them (its report counts the
/// unmatched ones), not here.
/// </summary>
public sealed class FeedbackService
{
    /// <summary>The most items one request may carry.</summary>
    public const int MaxItems = 10_000;

    private readonly IFeedbackStore _store;
    private readonly ModelRegistry _registry;
    private readonly TimeProvider _time;
    private readonly ILogger<FeedbackService> _logger;

    public FeedbackService(IFeedbackStore store, ModelRegistry registry, TimeProvider time, ILogger<FeedbackService> logger)
    {
        _store = store;
        _registry = registry;
        _time = time;
        _logger = logger;
    }

    public async Task<FeedbackResult> AddAsync(string model, JsonElement body, CancellationToken cancellationToken = default)
    {
        var items = body.ValueKind switch
        {
            JsonValueKind.Array => body.EnumerateArray().ToList(),
            JsonValueKind.Object when body.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Array => labels.EnumerateArray().ToList(),
            JsonValueKind.Object => [body],
            _ => throw ModelOpsException.Invalid("The body must be a feedback item {\"id\", \"label\"}, an array of them, or {\"labels\": [...]}."),
        };
        if (items.Count == 0)
        {
            throw ModelOpsException.Invalid("The body holds no feedback items.");
        }

        if (items.Count > MaxItems)
        {
            throw ModelOpsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"At most {MaxItems} feedback items per request; this one has {items.Count}."));
        }

        // The champion tells what kind of label the model predicts (404 for a model that does not exist).
        var champion = await _registry.ResolveAliasAsync(model, ModelRegistry.ChampionAlias, cancellationToken).ConfigureAwait(false);
        var columns = PredictionColumns.Of(champion);
        var now = _time.GetUtcNow();
        var accepted = new Dictionary<string, FeedbackLabel>(StringComparer.Ordinal);
        var rejected = new List<FeedbackRejection>();
        for (var i = 0; i < items.Count; i++)
        {
            var (label, error) = Read(items[i], columns, now);
            if (label is null)
            {
                rejected.Add(new FeedbackRejection(i, IdOf(items[i]), error!));
            }
            else
            {
                accepted[FeedbackLabel.JoinKey(label.Id, label.Row)] = label;
            }
        }

        if (accepted.Count > 0)
        {
            await _store.AddAsync(model, [.. accepted.Values], cancellationToken).ConfigureAwait(false);
        }

        Log.FeedbackReceived(_logger, model, accepted.Count, rejected.Count);
        return new FeedbackResult(accepted.Count, rejected);
    }

    private static (FeedbackLabel? Label, string? Error) Read(JsonElement item, PredictionColumns columns, DateTimeOffset now)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return (null, "A feedback item must be an object {\"id\", \"label\"}.");
        }

        if (IdOf(item) is not { Length: > 0 and <= 200 } id)
        {
            return (null, "'id' must be a non-empty string of at most 200 characters: the id of the request that was answered.");
        }

        var row = 0;
        if (item.TryGetProperty("row", out var rowElement) && rowElement.ValueKind != JsonValueKind.Null &&
            (rowElement.ValueKind != JsonValueKind.Number || !rowElement.TryGetInt32(out row) || row < 0))
        {
            return (null, "'row' must be a whole number from 0: the row's position in its request.");
        }

        if (!item.TryGetProperty("label", out var label) || label.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return (null, "'label' is missing.");
        }

        if (columns.IsRegressor)
        {
            return label.ValueKind == JsonValueKind.Number && label.TryGetDouble(out var number) && double.IsFinite(number)
                ? (new FeedbackLabel(id, row, null, number, now), null)
                : (null, $"'label' must be a number: the model predicts numbers (got {Describe(label)}).");
        }

        string text;
        if (label.ValueKind == JsonValueKind.String)
        {
            text = label.GetString()!;
        }
        else if (label.ValueKind == JsonValueKind.Number && label.TryGetInt64(out var integer))
        {
            text = integer.ToString(CultureInfo.InvariantCulture);
        }
        else if (label.ValueKind is JsonValueKind.True or JsonValueKind.False && !columns.IsClassifier)
        {
            text = label.GetBoolean() ? "true" : "false";
        }
        else
        {
            return (null, $"'label' must be a class name (a string or a whole number): the model predicts classes (got {Describe(label)}).");
        }

        if (columns.Classes is { } classes && !classes.Contains(text, StringComparer.Ordinal))
        {
            return (null, $"'label' '{text}' is not one of the model's classes ({string.Join(", ", classes.Select(c => $"'{c}'"))}).");
        }

        return (new FeedbackLabel(id, row, text, null, now), null);
    }

    private static string? IdOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.GetRawText(),
    };
}
