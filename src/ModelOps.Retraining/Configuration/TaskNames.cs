namespace ModelOps.Retraining;

/// <summary>The task names of a training configuration.</summary>
public static class TaskNames
{
    public const string Binary = "binary";
    public const string Multiclass = "multiclass";
    public const string Regression = "regression";

    public static IReadOnlyList<string> All { get; } = [Binary, Multiclass, Regression];

    public static bool IsClassification(string task) => task is Binary or Multiclass;
}
