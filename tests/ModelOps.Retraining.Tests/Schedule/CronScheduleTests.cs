namespace ModelOps.Retraining.Tests.Schedule;

public sealed class CronScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 4, 59, 30, TimeSpan.Zero); // a Sunday

    [Theory]
    [InlineData("0 */5 * * * *", "2026-11-22T05:00:00Z")]
    [InlineData("*/10 * * * * *", "2026-11-22T04:59:40Z")]
    [InlineData("0 0 3 * * *", "2026-11-23T03:00:00Z")]
    [InlineData("30 15 9-17/4 * * MON-FRI", "2026-11-23T09:15:30Z")]
    [InlineData("0 0 0 1 JAN,jul *", "2027-01-01T00:00:00Z")]
    [InlineData("0 0 12 * * 0", "2026-11-22T12:00:00Z")]
    [InlineData("0 0 12 * * 7", "2026-11-22T12:00:00Z")]
    [InlineData("0 0 12 * * sat", "2026-11-28T12:00:00Z")]
    [InlineData("0 0 0 29 2 *", "2028-02-29T00:00:00Z")]
    [InlineData("5,10,15 59 4 22 11 *", "2027-11-22T04:59:05Z")]
    [InlineData("0 0 0 31 * *", "2026-12-31T00:00:00Z")]
    [InlineData("0 0 0 13 * FRI", "2027-08-13T00:00:00Z")]
    public void GetNextOccurrence_Expression_GivesTheNextMatch(string expression, string expected)
    {
        var next = CronSchedule.Parse(expression).GetNextOccurrence(Start);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void GetNextOccurrence_AtAMatch_IsStrictlyAfter()
    {
        var schedule = CronSchedule.Parse("0 * * * * *");
        var at = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(at.AddMinutes(1), schedule.GetNextOccurrence(at));
        Assert.Equal(at.AddMinutes(1), schedule.GetNextOccurrence(at.AddMilliseconds(400)));
    }

    [Fact]
    public void GetNextOccurrence_NonUtcOffset_ComparesInUtc()
    {
        var schedule = CronSchedule.Parse("0 0 3 * * *");
        var local = new DateTimeOffset(2026, 1, 1, 4, 0, 0, TimeSpan.FromHours(2)); // 02:00 UTC

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.Zero), schedule.GetNextOccurrence(local));
    }

    [Fact]
    public void GetNextOccurrence_ImpossibleDate_IsNull()
    {
        Assert.Null(CronSchedule.Parse("0 0 0 31 2 *").GetNextOccurrence(Start));
    }

    [Theory]
    [InlineData("* * * * *", "has 5 fields")]
    [InlineData("* * * * * * *", "has 7 fields")]
    [InlineData("60 * * * * *", "Seconds")]
    [InlineData("* * 24 * * *", "Hours")]
    [InlineData("* * * 0 * *", "Days of month")]
    [InlineData("* * * * 13 *", "Months")]
    [InlineData("* * * * * 8", "Days of week")]
    [InlineData("* * * * FOO *", "Months")]
    [InlineData("*/0 * * * * *", "Seconds")]
    [InlineData("1,,2 * * * * *", "Seconds")]
    public void Parse_BadExpression_ThrowsNamingTheSettingAndTheField(string expression, string expected)
    {
        var exception = Assert.Throws<FormatException>(() => CronSchedule.Parse(expression));

        Assert.StartsWith("'schedule'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownTimeZone_ThrowsNamingTheSetting()
    {
        var exception = Assert.Throws<FormatException>(() => CronSchedule.Parse("0 0 3 * * *", "Mars/Olympus_Mons"));

        Assert.Contains("'scheduleTimeZone' 'Mars/Olympus_Mons'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetNextOccurrence_ReversedRange_WrapsAround()
    {
        var next = CronSchedule.Parse("0 0 22-2 * * *").GetNextOccurrence(new DateTimeOffset(2026, 1, 1, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void GetNextOccurrence_InATimeZone_FiresAtLocalWallClockTime()
    {
        var schedule = CronSchedule.Parse("0 0 3 * * *", "Europe/Berlin");

        // Winter: Berlin is UTC+1, so 03:00 there is 02:00 UTC; summer (UTC+2): 01:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 1, 10, 2, 0, 0, TimeSpan.Zero), schedule.GetNextOccurrence(new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 7, 10, 1, 0, 0, TimeSpan.Zero), schedule.GetNextOccurrence(new DateTimeOffset(2026, 7, 10, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void GetNextOccurrence_TimeSkippedBySpringForward_FiresOnceRightAfterTheGap()
    {
        // 2026-03-29 in Berlin: clocks jump from 02:00 to 03:00 (01:00 UTC); 02:30 does not exist that night.
        var schedule = CronSchedule.Parse("0 30 2 * * *", "Europe/Berlin");

        var next = schedule.GetNextOccurrence(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero));
        var after = schedule.GetNextOccurrence(next!.Value);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero), after);
    }

    [Fact]
    public void GetNextOccurrence_TimeRepeatedByFallBack_FiresOnceAtTheFirstOccurrence()
    {
        // 2026-10-25 in Berlin: clocks go back from 03:00 to 02:00 (01:00 UTC); 02:30 happens twice.
        var schedule = CronSchedule.Parse("0 30 2 * * *", "Europe/Berlin");

        var next = schedule.GetNextOccurrence(new DateTimeOffset(2026, 10, 24, 23, 0, 0, TimeSpan.Zero));
        var after = schedule.GetNextOccurrence(next!.Value);

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), next);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 1, 30, 0, TimeSpan.Zero), after);
    }

    [Fact]
    public void GetNextOccurrence_IntervalAcrossFallBack_RunsInBothRepeatedHours()
    {
        var schedule = CronSchedule.Parse("0 0 * * * *", "Europe/Berlin");
        var times = new List<DateTimeOffset>();
        var t = new DateTimeOffset(2026, 10, 24, 23, 30, 0, TimeSpan.Zero);
        for (var i = 0; i < 4; i++)
        {
            t = schedule.GetNextOccurrence(t)!.Value;
            times.Add(t);
        }

        // Hourly in wall-clock time: 02:00 CEST (00:00 UTC), 02:00 CET (01:00 UTC), 03:00 CET (02:00 UTC)...
        Assert.Equal([0, 1, 2, 3], times.Select(x => x.UtcDateTime.Hour));
    }

    [Fact]
    public void GetNextOccurrence_Steps_EnumerateEveryMatchInOrder()
    {
        var schedule = CronSchedule.Parse("0 10-50/20 8 * * *");
        var times = new List<DateTimeOffset>();
        var t = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 4; i++)
        {
            t = schedule.GetNextOccurrence(t)!.Value;
            times.Add(t);
        }

        Assert.Equal(
            [
                new DateTimeOffset(2026, 3, 1, 8, 10, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 1, 8, 30, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 1, 8, 50, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 2, 8, 10, 0, TimeSpan.Zero),
            ],
            times);
    }
}
