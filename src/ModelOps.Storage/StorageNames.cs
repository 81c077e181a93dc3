namespace ModelOps.Storage;

/// <summary>
/// The storage layout's names: the containers, tables and queues of the public contract (DESIGN.md §3), each with the
/// configured prefix. Only this adapter knows them.
/// </summary>
public sealed class StorageNames(string prefix)
{
    /// <summary><c>models/{model}/{version}/model.onnx</c> and <c>card.json</c>.</summary>
    public string ModelsContainer { get; } = Container(prefix, "models");

    /// <summary><c>training-data/{model}/{any}.csv</c>: a drop here starts retraining.</summary>
    public string TrainingDataContainer { get; } = Container(prefix, "training-data");

    /// <summary><c>baselines/{model}/{version}/schema.json</c> and <c>statistics.json</c>.</summary>
    public string BaselinesContainer { get; } = Container(prefix, "baselines");

    /// <summary><c>reports/{model}/{runId}/…</c>: what each retraining run wrote; <c>reports/{model}/monitoring/{id}.json</c>: monitoring reports.</summary>
    public string ReportsContainer { get; } = Container(prefix, "reports");

    /// <summary><c>captures/{model}/{version}/yyyy/MM/dd/HH/{part}.parquet</c>: captured traffic.</summary>
    public string CapturesContainer { get; } = Container(prefix, "captures");

    /// <summary>Models, versions and aliases: a partition per model.</summary>
    public string RegistryTable { get; } = Table(prefix, "registry");

    /// <summary>Training configurations, known columns, schedule state and run registrations: a partition per model.</summary>
    public string RetrainingTable { get; } = Table(prefix, "retraining");

    /// <summary>One receipt per training-data file version that started a run.</summary>
    public string ReceiptsTable { get; } = Table(prefix, "blobreceipts");

    /// <summary>Runs by model, newest first.</summary>
    public string RunsTable { get; } = Table(prefix, "runs");

    /// <summary>Step executions as workers began them: a partition per run, time-ordered row keys.</summary>
    public string AttemptsTable { get; } = Table(prefix, "attempts");

    /// <summary>Role assignments (partition <c>assignment</c>) and per-model access settings (partition <c>model</c>).</summary>
    public string AccessTable { get; } = Table(prefix, "access");

    /// <summary>The audit trail: partitions <c>d|{yyyyMMdd}</c> and <c>m|{model}|{yyyyMMdd}</c>, time-ordered row keys.</summary>
    public string AuditTable { get; } = Table(prefix, "audit");

    /// <summary>Monitoring settings, schedule state, alert claims and retrain reservations: a partition per model.</summary>
    public string MonitoringTable { get; } = Table(prefix, "monitoring");

    /// <summary>Monitoring report summaries by model, newest first (the reports are blobs <c>reports/{model}/monitoring/{id}.json</c>).</summary>
    public string MonitoringReportsTable { get; } = Table(prefix, "monitoringreports");

    /// <summary>Alert history by model, newest first.</summary>
    public string AlertsTable { get; } = Table(prefix, "alerts");

    /// <summary>Feedback labels by model and request id.</summary>
    public string FeedbackTable { get; } = Table(prefix, "feedback");

    public IReadOnlyList<string> Containers => [ModelsContainer, TrainingDataContainer, BaselinesContainer, ReportsContainer, CapturesContainer];

    public IReadOnlyList<string> Tables =>
    [
        RegistryTable, RetrainingTable, ReceiptsTable, RunsTable, AttemptsTable, AccessTable, AuditTable,
        MonitoringTable, MonitoringReportsTable, AlertsTable, FeedbackTable,
    ];

    /// <summary>Table names are letters and digits only: <c>modelops{prefix}{what}</c>.</summary>
    private static string Table(string prefix, string what) => $"modelops{prefix}{what}";

    /// <summary>Container names take hyphens: <c>{prefix}-{name}</c>.</summary>
    private static string Container(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}-{name}";
}
