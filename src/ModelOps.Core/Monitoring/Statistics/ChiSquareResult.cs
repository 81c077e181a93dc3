namespace ModelOps.Monitoring.Statistics;

/// <summary>A chi-square-family test result: the statistic, its p-value and the degrees of freedom.</summary>
public sealed record ChiSquareResult(double Statistic, double PValue, int DegreesOfFreedom);
