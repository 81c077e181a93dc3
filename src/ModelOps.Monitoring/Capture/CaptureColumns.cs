namespace ModelOps.Monitoring.Capture;

/// <summary>
/// The columns of a capture file. Every file has <c>_id</c> (the request id, string), <c>_row</c> (the row's position in
/// its request, int32) and <c>_time</c> (when the request was answered, Unix milliseconds UTC, int64). Then one column
/// per feature: an input of one value per row (<c>[N]</c> or <c>[N,1]</c>, as the JSON-rows form sends) is a column of
/// its name; an input of K values per row (<c>[N,K]</c>, deeper shapes flattened row-major) gives K columns
/// <c>{input}[k]</c>. Outputs follow the same rule with the prefix <c>prediction.</c> (<c>prediction.label</c>,
/// <c>prediction.probabilities[1]</c>); a list of maps (scikit-learn's ZipMap) gives one column per key.
/// Numbers are stored as float (float32, float16, bfloat16), double (float64) or int64 (integers, bool as 0/1);
/// strings as UTF-8 strings.
/// </summary>
public static class CaptureColumns
{
    public const string Id = "_id";
    public const string Row = "_row";
    public const string Time = "_time";
    public const string PredictionPrefix = "prediction.";

    /// <summary>The column of element <paramref name="k"/> of a value with several per row.</summary>
    public static string Element(string name, string k) => $"{name}[{k}]";

    /// <summary>The column of an output.</summary>
    public static string Prediction(string output) => PredictionPrefix + output;
}
