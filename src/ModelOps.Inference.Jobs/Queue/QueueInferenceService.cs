using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Errors;
using ModelOps.Serialization;
using ModelOps.Protocol;
using ModelOps.Registry;

namespace ModelOps.Inference.Jobs.Queue;

/// <summary>
/// Queue inference: one message of <c>modelops-inference</c> in, one result blob out. The one service behind the Functions
/// queue trigger and the local host's listener; both call <see cref="HandleAsync"/> with the decoded message text.
/// </summary>
/// <remarks>
/// <para>A message is <c>{"id", "model", "version"?, "inputs" | "rows" | "instances", "inputBlob"?, "outputBlob"?}</c>.
/// The result goes to <c>inference-results/{model}/{id}.json</c>, or to <c>outputBlob</c> when that is in an allowed
/// container: <c>{"id", "model", "version", "status": "Succeeded" | "Failed", "outputs" | "predictions" | "error",
/// "completedAt"}</c>.</para>
/// <para>A result is written only where none exists (one conditional write, no read before it: a repeated id costs an
/// inference and writes nothing), so the same id twice yields one result. A bad request (unknown model or version,
/// inputs that do not fit, a missing <c>inputBlob</c>, an <c>outputBlob</c> outside the allowed containers) gets a
/// Failed result and returns normally, so it is never retried.
/// A message that names no place for a result (not JSON, no valid <c>id</c> or <c>model</c>) is copied to the poison
/// queue and returns normally. Anything else (storage or a model load failing) throws: the trigger retries the message
/// and moves it to the poison queue after its <c>maxDequeueCount</c>.</para>
/// </remarks>
public sealed class QueueInferenceService
{
    /// <summary>Where results go unless a message names its <c>outputBlob</c>.</summary>
    public const string ResultsContainer = "inference-results";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        SkipValidation = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly InferenceService _inference;
    private readonly IInferenceResultStore _results;
    private readonly IInferenceQueue _queue;
    private readonly BlobPathGuard _guard;
    private readonly InferenceQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueInferenceService> _logger;

    public QueueInferenceService(
        InferenceService inference,
        IInferenceResultStore results,
        IInferenceQueue queue,
        BlobPathGuard guard,
        IOptions<InferenceJobsOptions> options,
        TimeProvider time,
        ILogger<QueueInferenceService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _inference = inference;
        _results = results;
        _queue = queue;
        _guard = guard;
        _options = options.Value.Queue;
        _time = time;
        _logger = logger;
    }

    /// <summary>The default place of a message's result.</summary>
    public static BlobPath ResultPath(string model, string id) => new(ResultsContainer, $"{model}/{id}.json");

    /// <summary>
    /// Handles one message (its decoded text). Returns when the message is done with, whatever the outcome; throws when
    /// it should be tried again.
    /// </summary>
    public async Task<QueuedInferenceOutcome> HandleAsync(string messageText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        JsonDocument message;
        try
        {
            message = StrictJson.Parse(Encoding.UTF8.GetBytes(messageText), "The message");
        }
        catch (ModelOpsException exception) when (exception.Kind == ErrorKind.InvalidInput)
        {
            return await RejectAsync(messageText, exception.Message, cancellationToken).ConfigureAwait(false);
        }

        using (message)
        {
            var root = message.RootElement;
            if (Address(root) is { } problem)
            {
                return await RejectAsync(messageText, problem, cancellationToken).ConfigureAwait(false);
            }

            var id = root.GetProperty("id").GetString()!;
            var model = root.GetProperty("model").GetString()!;
            var path = ResultPath(model, id);
            string? refused = null;
            if (root.TryGetProperty("outputBlob", out var outputBlob) && outputBlob.ValueKind != JsonValueKind.Null)
            {
                try
                {
                    path = _guard.Output(outputBlob.ValueKind == JsonValueKind.String ? outputBlob.GetString() : null, "outputBlob");
                }
                catch (ModelOpsException exception)
                {
                    refused = exception.Message;
                }
            }

            byte[] document;
            var outcome = QueuedInferenceOutcome.Succeeded;
            try
            {
                if (refused is not null)
                {
                    throw ModelOpsException.Invalid(refused);
                }

                document = await InferAsync(root, id, model, cancellationToken).ConfigureAwait(false);
            }
            catch (ModelOpsException exception) when (exception.Kind is ErrorKind.InvalidInput or ErrorKind.NotFound or ErrorKind.PayloadTooLarge)
            {
                Log.MessageFailed(_logger, id, model, exception.Message);
                document = Document(id, model, null, writer => writer.WriteString("error", exception.Message));
                outcome = QueuedInferenceOutcome.Failed;
            }

            if (!await _results.TryCreateAsync(path, document, cancellationToken).ConfigureAwait(false))
            {
                outcome = QueuedInferenceOutcome.Duplicate; // Another delivery of the same id wrote first.
            }

            Log.MessageHandled(_logger, id, model, outcome);
            return outcome;
        }
    }

    /// <summary>The result of a message's id for the result route; 404 while there is none.</summary>
    public async Task<byte[]> GetResultAsync(string model, string id, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(model);
        var result = InferenceMessageIds.Validate(id) is null
            ? await _results.ReadAsync(ResultPath(model, id), cancellationToken).ConfigureAwait(false)
            : null;
        return result ?? throw ModelOpsException.NotFound($"Model '{model}' has no inference result '{id}' (yet).");
    }

    /// <summary>Why the message names no place for a result; null when its id and model are valid.</summary>
    private static string? Address(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "the message is not a JSON object";
        }

        var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        if (InferenceMessageIds.Validate(id) is { } badId)
        {
            return badId;
        }

        var model = root.TryGetProperty("model", out var modelElement) && modelElement.ValueKind == JsonValueKind.String ? modelElement.GetString() : null;
        return ModelNames.Validate(model) is { } badModel ? $"message '{id}': {badModel}" : null;
    }

    private async Task<byte[]> InferAsync(JsonElement root, string id, string model, CancellationToken cancellationToken)
    {
        var version = ReadVersion(root);
        if (!root.TryGetProperty("inputBlob", out var inputBlob) || inputBlob.ValueKind == JsonValueKind.Null)
        {
            return await InferAsync(root, id, model, version, cancellationToken).ConfigureAwait(false);
        }

        var path = _guard.Input(inputBlob.ValueKind == JsonValueKind.String ? inputBlob.GetString() : null, "inputBlob");
        var bytes = await _results.ReadRequestAsync(path, _options.MaxInputBlobBytes, cancellationToken).ConfigureAwait(false)
            ?? throw ModelOpsException.Invalid($"The inputBlob '{path}' does not exist.");
        using (var body = StrictJson.Parse(bytes, $"The inputBlob '{path}'"))
        {
            return await InferAsync(body.RootElement, id, model, version, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<byte[]> InferAsync(JsonElement body, string id, string model, int? version, CancellationToken cancellationToken)
    {
        var forms = (body.ValueKind == JsonValueKind.Object ? new[] { "inputs", "rows", "instances" }.Where(f => body.TryGetProperty(f, out _)) : []).ToList();
        if (forms.Count != 1)
        {
            throw ModelOpsException.Invalid("The request needs exactly one of 'inputs' (Open Inference Protocol tensors), 'rows' or 'instances'.");
        }

        if (forms[0] == "inputs")
        {
            var request = OipCodec.ReadRequest(body, model, version) with { Id = id };
            var result = await _inference.InferAsync(request, cancellationToken).ConfigureAwait(false);
            return Document(id, model, result.Version.Version, writer => OipCodec.WriteOutputs(writer, result.Outputs), succeeded: true);
        }

        var (answer, signature) = await _inference.InferAsync(model, version, s => PredictCodec.ReadInputs(body, model, s), id, input: PredictCodec.StickyInput(body), cancellationToken: cancellationToken).ConfigureAwait(false);
        return Document(id, model, answer.Version.Version, writer => PredictionWriter.WritePredictions(writer, answer.Outputs, signature), succeeded: true);
    }

    private static int? ReadVersion(JsonElement root)
    {
        if (!root.TryGetProperty("version", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var version) && version > 0
            ? version
            : throw ModelOpsException.Invalid($"'version' must be a positive whole number, not {element.GetRawText()}.");
    }

    private byte[] Document(string id, string model, int? version, Action<Utf8JsonWriter> body, bool succeeded = false)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("model", model);
            if (version is int v)
            {
                writer.WriteNumber("version", v);
            }
            else
            {
                writer.WriteNull("version");
            }

            writer.WriteString("status", succeeded ? "Succeeded" : "Failed");
            body(writer);
            writer.WriteString("completedAt", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task<QueuedInferenceOutcome> RejectAsync(string messageText, string reason, CancellationToken cancellationToken)
    {
        Log.MessageRejected(_logger, reason);
        await _queue.SendToPoisonAsync(messageText, cancellationToken).ConfigureAwait(false);
        return QueuedInferenceOutcome.Rejected;
    }
}
