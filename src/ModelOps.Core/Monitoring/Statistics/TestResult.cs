namespace ModelOps.Monitoring.Statistics;

/// <summary>A hypothesis test's statistic and p-value.</summary>
public sealed record TestResult(double Statistic, double PValue);
