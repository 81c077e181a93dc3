using Cronos;

namespace ModelOps.Retraining;

/// <summary>
/// A retraining schedule: a six-field cron expression (<c>second minute hour day month day-of-week</c>, the Azure
/// Functions timer format) read in an IANA time zone (default UTC), evaluated by Cronos. A time matches when every field
/// matches (day of month and day of week together, as NCrontab does). Across daylight-saving changes, as Cronos does:
/// a time the clock skips (02:30 on the spring-forward night) fires at the first instant after the gap, once; a time the
/// clock repeats (01:30 on the fall-back night) fires once, at its first occurrence, unless the expression steps through
/// every hour or minute (then both hours run, as wall-clock intervals do).
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;

    private CronSchedule(string expression, CronExpression parsed, TimeZoneInfo zone)
    {
        Expression = expression;
        _expression = parsed;
        TimeZone = zone;
    }

    /// <summary>The expression as given.</summary>
    public string Expression { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// Parses an expression and a time zone id (null: UTC); throws <see cref="FormatException"/> with a message that
    /// names the setting at fault and what is expected.
    /// </summary>
    public static CronSchedule Parse(string expression, string? timeZoneId = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields != 6)
        {
            throw new FormatException(
                $"'schedule' '{expression}' has {fields} fields; a schedule has six: second minute hour day month day-of-week (e.g. '0 0 3 * * *').");
        }

        CronExpression parsed;
        try
        {
            parsed = CronExpression.Parse(expression, CronFormat.IncludeSeconds);
        }
        catch (CronFormatException exception)
        {
            throw new FormatException($"'schedule' '{expression}' is not a valid cron expression: {exception.Message}", exception);
        }

        return new CronSchedule(expression, parsed, FindZone(timeZoneId));
    }

    /// <summary>The first matching time strictly after <paramref name="after"/>; null when there is none.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after) =>
        _expression.GetNextOccurrence(after, TimeZone, inclusive: false);

    public override string ToString() => Expression;

    private static TimeZoneInfo FindZone(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new FormatException($"'scheduleTimeZone' '{id}' is not a known IANA time zone (e.g. 'UTC', 'Europe/Berlin', 'America/New_York').", exception);
        }
    }
}
