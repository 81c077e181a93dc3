using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Runtime;
using ModelOps.Serialization;
using ModelOps.Training.Data;

namespace ModelOps.Retraining;

/// <summary>
/// Runs an external trainer: a process the operator declared (<see cref="ExternalTrainerOptions"/>, named by the
/// configuration's <c>externalTrainer</c>) that reads the training rows and writes <c>model.onnx</c> and
/// <c>metrics.json</c> into an output folder. It learns where from environment variables (<c>MODELOPS_TRAIN_DATA</c>,
/// <c>MODELOPS_OUTPUT_DIR</c>, <c>MODELOPS_PARAMETERS</c> (JSON), <c>MODELOPS_PARAMETERS_FILE</c>, <c>MODELOPS_LABEL</c>,
/// <c>MODELOPS_TASK</c>, <c>MODELOPS_FEATURES</c> (JSON array)) and from the placeholders of its declared arguments
/// (<see cref="ExternalTrainerArguments"/>). A process past the trainer's time limit is killed with its children. The
/// model must load in the runtime and take exactly the feature columns as inputs (numeric as float or double,
/// categorical as string).
/// </summary>
public sealed class ExternalTrainer
{
    private const int OutputTail = 4000;
    private readonly TrainingDataFiles _files;
    private readonly IModelRuntime _runtime;
    private readonly ILogger<ExternalTrainer> _logger;

    private readonly RetrainingOptions _options;

    public ExternalTrainer(TrainingDataFiles files, IModelRuntime runtime, IOptions<RetrainingOptions> options, ILogger<ExternalTrainer> logger)
    {
        _files = files;
        _options = options.Value;
        _runtime = runtime;
        _logger = logger;
    }

    public async Task<ExternalTrainingResult> TrainAsync(
        string runId,
        TabularDataset train,
        IReadOnlyList<string> features,
        TrainingConfiguration configuration,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(configuration);
        var name = configuration.ExternalTrainer ?? throw new RetrainingException("'trainer' 'external' needs an 'externalTrainer'.");
        // Looked up again at run time: a configuration stored before the operator removed a trainer fails the run here.
        var trainer = _options.ExternalTrainers.GetValueOrDefault(name) ?? throw new RetrainingException(
            $"External trainer '{name}' is not declared on this host (ModelOps:Retraining:ExternalTrainers).");
        var directory = _files.RunDirectory(runId);
        var dataPath = Path.Combine(directory, "train.csv");
        var output = Path.Combine(directory, "output");
        var parametersPath = Path.Combine(directory, "parameters.json");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        Directory.CreateDirectory(output);
        CsvWriter.Write(train, [.. features, configuration.Label], dataPath);
        var parameterValues = configuration.Parameters ?? new Dictionary<string, JsonElement>();
        var parameters = JsonSerializer.Serialize(parameterValues, ModelOpsJson.Options);
        await File.WriteAllTextAsync(parametersPath, parameters, cancellationToken).ConfigureAwait(false);

        var command = trainer.Command;
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = trainer.WorkingDirectory is { Length: > 0 } working ? working : directory,
        };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(ExternalTrainerArguments.Expand(arg, dataPath, output, parametersPath, parameterValues));
        }

        foreach (var (key, value) in trainer.Environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["MODELOPS_TRAIN_DATA"] = dataPath;
        start.Environment["MODELOPS_OUTPUT_DIR"] = output;
        start.Environment["MODELOPS_PARAMETERS"] = parameters;
        start.Environment["MODELOPS_PARAMETERS_FILE"] = parametersPath;
        start.Environment["MODELOPS_LABEL"] = configuration.Label;
        start.Environment["MODELOPS_TASK"] = configuration.Task;
        start.Environment["MODELOPS_FEATURES"] = JsonSerializer.Serialize(features);

        var log = new StringBuilder();
        var timeout = trainer.TimeLimit;
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw Fail(runId, $"could not be started: {exception.Message} (external trainer '{name}')");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                throw Fail(runId, string.Create(CultureInfo.InvariantCulture, $"ran past its time limit of {timeout.TotalMinutes:0.##} minute(s) and was killed. Output: {Tail(log)}"));
            }
        }

        if (process.ExitCode != 0)
        {
            throw Fail(runId, string.Create(CultureInfo.InvariantCulture, $"exited with code {process.ExitCode}. Output: {Tail(log)}"));
        }

        var modelPath = Path.Combine(output, "model.onnx");
        if (!File.Exists(modelPath))
        {
            throw Fail(runId, $"exited successfully but wrote no model.onnx into its output folder. Output: {Tail(log)}");
        }

        var onnx = await File.ReadAllBytesAsync(modelPath, cancellationToken).ConfigureAwait(false);
        CheckSignature(runId, onnx, train, features);
        return new ExternalTrainingResult(onnx, await ReadMetricsAsync(runId, Path.Combine(output, "metrics.json"), cancellationToken).ConfigureAwait(false));
    }

    private void CheckSignature(string runId, byte[] onnx, TabularDataset train, IReadOnlyList<string> features)
    {
        ModelSignature signature;
        try
        {
            using var session = _runtime.Load(onnx);
            signature = session.Signature;
        }
        catch (ModelLoadException exception)
        {
            throw Fail(runId, $"wrote a model.onnx that ONNX Runtime cannot load: {exception.Message}");
        }

        var inputs = signature.Inputs.Select(i => i.Name).ToList();
        var missing = features.Where(f => !inputs.Contains(f, StringComparer.Ordinal)).ToList();
        var extra = inputs.Where(i => !features.Contains(i, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            throw Fail(runId, $"wrote a model whose inputs ({Quoted(inputs)}) do not match the feature columns ({Quoted(features)})"
                + (missing.Count > 0 ? $": no input for {Quoted(missing)}" : string.Empty)
                + (extra.Count > 0 ? $"; inputs {Quoted(extra)} are not feature columns" : string.Empty) + ".");
        }

        foreach (var spec in signature.Inputs)
        {
            var numeric = train[spec.Name].Kind == ColumnKind.Numeric;
            var accepted = numeric
                ? spec.ElementType is Tensors.TensorElementType.Float32 or Tensors.TensorElementType.Float64
                : spec.ElementType == Tensors.TensorElementType.String;
            if (!accepted || spec.Kind != ValueKind.Tensor)
            {
                throw Fail(runId, $"wrote a model whose input '{spec.Name}' is {spec.OnnxType}, but the column is {(numeric ? "numeric (float or double expected)" : "categorical (string expected)")}.");
            }
        }
    }

    private async Task<IReadOnlyDictionary<string, JsonElement>> ReadMetricsAsync(string runId, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw Fail(runId, "wrote model.onnx but no metrics.json.");
        }

        try
        {
            var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(text)
                ?? throw Fail(runId, "wrote a metrics.json that is not a JSON object.");
        }
        catch (JsonException exception)
        {
            throw Fail(runId, $"wrote a metrics.json that is not a JSON object: {exception.Message}");
        }
    }

    private RetrainingException Fail(string runId, string what)
    {
        Log.ExternalTrainerFailed(_logger, runId, what);
        return new RetrainingException($"The external trainer {what}");
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
            if (log.Length > OutputTail * 4)
            {
                log.Remove(0, log.Length - OutputTail);
            }
        }
    }

    private static string Tail(StringBuilder log)
    {
        lock (log)
        {
            var text = log.ToString().Trim();
            return text.Length == 0 ? "(none)" : text.Length > OutputTail ? "..." + text[^OutputTail..] : text;
        }
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
