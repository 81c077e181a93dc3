namespace ModelOps.Monitoring.Statistics;

/// <summary>A two-sample Kolmogorov–Smirnov result: the statistic, its p-value and the method that computed it.</summary>
public sealed record KsResult(double Statistic, double PValue, KsMethod Method);
