using System.Globalization;
using ModelOps.Training.Validation;

namespace ModelOps.Training.Tests.Validation;

/// <summary>
/// Generated data for validation tests: <c>age,city,income,label</c> with age 20..69, four cities, income 1000..5900
/// missing in every tenth row, and a 0/1 label; rows can be varied by a function of the row index.
/// </summary>
internal static class ValidationData
{
    public const string Header = "age,city,income,label";

    public static readonly string[] Cities = ["east", "north", "south", "west"];

    public static int Age(int i) => 20 + (i * 7 % 50);

    public static string City(int i) => Cities[i % 4];

    public static string Income(int i) => i % 10 == 0 ? "" : (1000 + (i * 37 % 50 * 100)).ToString(CultureInfo.InvariantCulture);

    public static string Label(int i) => i % 3 == 0 ? "1" : "0";

    public static string Row(int i) => $"{Age(i)},{City(i)},{Income(i)},{Label(i)}";

    public static string[] Lines(int rows, Func<int, string>? row = null, string header = Header) =>
        [header, .. Enumerable.Range(0, rows).Select(row ?? Row)];

    public static ProfileOptions Options => new() { Label = "label", Task = ModelTask.Binary };

    /// <summary>The schema inferred from 200 generated rows.</summary>
    public static DataSchema Schema()
    {
        using var csv = TempCsv.FromLines(Lines(200));
        var profile = DataValidator.Profile(csv.Path, Options);
        return profile.Schema ?? throw new InvalidOperationException(profile.Report.ToString());
    }
}
