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
    [InlineData("* * * * *", "five fields", "six")]
    [InlineData("60 * * * * *", "second", "0-59")]
    [InlineData("* * 24 * * *", "hour", "0-23")]
    [InlineData("* * * 0 * *", "day", "1-31")]
    [InlineData("* * * * 13 *", "month", "1-12")]
    [InlineData("* * * * * 8", "day-of-week", "0-7")]
    [InlineData("* * * * FOO *", "month", "not a number or a name")]
    [InlineData("*/0 * * * * *", "second", "step")]
    [InlineData("* 10-5 * * * *", "minute", "backwards")]
    [InlineData("1,,2 * * * * *", "second", "empty")]
    [InlineData("* * * * * * *", "seven fields", "six")]
    public void Parse_BadExpression_ThrowsNamingTheField(string expression, string why, string expected)
    {
        var exception = Assert.Throws<FormatException>(() => CronSchedule.Parse(expression));

        Assert.True(exception.Message.Contains(expected, StringComparison.Ordinal), $"{why}: {exception.Message}");
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
