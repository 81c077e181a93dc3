using System.Globalization;

namespace ModelOps.Retraining;

/// <summary>
/// A six-field NCRONTAB expression, the Azure Functions timer format: <c>second minute hour day month day-of-week</c>.
/// Each field takes <c>*</c>, a value, a range <c>a-b</c>, a list <c>a,b,c</c> and steps <c>*/n</c> or <c>a-b/n</c>;
/// months take <c>JAN</c>–<c>DEC</c> and days of the week <c>SUN</c>–<c>SAT</c> (0 or 7 is Sunday). As in NCrontab, a time
/// matches when every field matches (day of month and day of week together). Times are UTC.
/// </summary>
public sealed class CronSchedule
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly bool[] _seconds;
    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _days;
    private readonly bool[] _months;
    private readonly bool[] _daysOfWeek;

    private CronSchedule(string expression, bool[][] fields)
    {
        Expression = expression;
        (_seconds, _minutes, _hours, _days, _months, _daysOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    }

    /// <summary>The expression as given.</summary>
    public string Expression { get; }

    /// <summary>Parses an expression; throws <see cref="FormatException"/> naming the field at fault.</summary>
    public static CronSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var parts = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6)
        {
            throw new FormatException(
                $"'{expression}' has {parts.Length} fields; an NCRONTAB expression has six: second minute hour day month day-of-week (e.g. '0 0 3 * * *').");
        }

        var fields = new[]
        {
            ParseField(parts[0], "second", 0, 59, null),
            ParseField(parts[1], "minute", 0, 59, null),
            ParseField(parts[2], "hour", 0, 23, null),
            ParseField(parts[3], "day", 1, 31, null),
            ParseField(parts[4], "month", 1, 12, MonthNames),
            ParseField(parts[5], "day-of-week", 0, 7, DayNames),
        };
        if (fields[5][7])
        {
            fields[5][0] = true;
        }

        return new CronSchedule(expression, fields);
    }

    /// <summary>The first matching time strictly after <paramref name="after"/> (whole seconds, UTC); null when none within 30 years.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        var utc = after.ToUniversalTime();
        var start = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, TimeSpan.Zero).AddSeconds(1);
        var day = start.Date;
        var first = true;
        for (var i = 0; i < 366 * 30; i++, day = day.AddDays(1))
        {
            if (_months[day.Month] && _days[day.Day] && _daysOfWeek[(int)day.DayOfWeek])
            {
                var from = first ? start.TimeOfDay : TimeSpan.Zero;
                if (FirstTimeOfDay(from) is { } time)
                {
                    return new DateTimeOffset(day.Add(time), TimeSpan.Zero);
                }
            }

            first = false;
        }

        return null;
    }

    public override string ToString() => Expression;

    private TimeSpan? FirstTimeOfDay(TimeSpan from)
    {
        for (var h = from.Hours; h < 24; h++)
        {
            if (!_hours[h])
            {
                continue;
            }

            var m0 = h == from.Hours ? from.Minutes : 0;
            for (var m = m0; m < 60; m++)
            {
                if (!_minutes[m])
                {
                    continue;
                }

                var s0 = h == from.Hours && m == from.Minutes ? from.Seconds : 0;
                for (var s = s0; s < 60; s++)
                {
                    if (_seconds[s])
                    {
                        return new TimeSpan(h, m, s);
                    }
                }
            }
        }

        return null;
    }

    private static bool[] ParseField(string field, string name, int min, int max, string[]? names)
    {
        var allowed = new bool[max + 1];
        foreach (var item in field.Split(','))
        {
            if (item.Length == 0)
            {
                throw new FormatException($"The {name} field '{field}' has an empty list item.");
            }

            var (range, stepText) = item.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0
                ? (item[..slash], item[(slash + 1)..])
                : (item, null);
            var step = 1;
            if (stepText is not null && (!int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1))
            {
                throw new FormatException($"The {name} field '{field}' has step '{stepText}'; a step is a whole number of at least 1.");
            }

            int low, high;
            if (range is "*" or "?")
            {
                (low, high) = (min, max);
            }
            else if (range.IndexOf('-', StringComparison.Ordinal) is var dash and > 0)
            {
                low = ParseValue(range[..dash], field, name, min, max, names);
                high = ParseValue(range[(dash + 1)..], field, name, min, max, names);
                if (high < low)
                {
                    throw new FormatException($"The {name} field '{field}' has the range '{range}', which runs backwards.");
                }
            }
            else
            {
                low = ParseValue(range, field, name, min, max, names);
                high = stepText is null ? low : max;
            }

            for (var v = low; v <= high; v += step)
            {
                allowed[v] = true;
            }
        }

        return allowed;
    }

    private static int ParseValue(string text, string field, string name, int min, int max, string[]? names)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value >= min && value <= max
                ? value
                : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The {name} field '{field}' has {value}; it must lie in {min}-{max}."));
        }

        if (names is not null)
        {
            var index = Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                return names.Length == 12 ? index + 1 : index;
            }
        }

        throw new FormatException($"The {name} field '{field}' has '{text}', which is not a number{(names is null ? string.Empty : " or a name")}.");
    }
}
