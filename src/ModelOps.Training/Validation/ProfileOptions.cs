using ModelOps.Monitoring.Sketches;

namespace ModelOps.Training.Validation;

/// <summary>What to infer on a first run: which column is the label, the task, which columns are required, and the
/// sizes of the statistics. Defaults are documented per property.</summary>
public sealed record ProfileOptions
{
    /// <summary>The label column; null for data without one. It is always required.</summary>
    public string? Label { get; init; }

    /// <summary>The task; Binary and Multiclass require the label to have two classes or more.</summary>
    public ModelTask? Task { get; init; }

    /// <summary>The feature columns; null (default) means every column, so every column is required.
    /// Otherwise the label and these are required and other columns are optional.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>A categorical column with more distinct values than this gets an open domain (null). Default 1000.</summary>
    public int DomainCap { get; init; } = 1000;

    /// <summary>How many of the most frequent categories the statistics keep (the rest go to "other"). Default 50.</summary>
    public int TopK { get; init; } = 50;

    /// <summary>Equal-width histogram bins per numeric column. Default 20.</summary>
    public int HistogramBins { get; init; } = 20;

    /// <summary>The quantile sketch's k (rank error about 1.65% at 200). Default <see cref="QuantileSketch.DefaultK"/>.</summary>
    public int SketchK { get; init; } = QuantileSketch.DefaultK;

    /// <summary>Thresholds and CSV reading for the first-run sanity checks.</summary>
    public ValidationOptions Validation { get; init; } = new();
}
