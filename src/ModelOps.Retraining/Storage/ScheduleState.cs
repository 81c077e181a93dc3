namespace ModelOps.Retraining;

/// <summary>A model's schedule as last ticked: the expression it was computed from, the next fire time, its token.</summary>
public sealed record ScheduleState(string Expression, DateTimeOffset NextFire, string ETag);
