namespace ModelOps.Retraining.Tests.External;

public sealed class ExternalTrainersValidatorTests
{
    private static RetrainingOptions With(string name, ExternalTrainerOptions trainer) => new() { ExternalTrainers = { [name] = trainer } };

    [Fact]
    public void Validate_ADeclaredTrainer_Passes()
    {
        var result = new ExternalTrainersValidator().Validate(null, With("xgboost-gpu", new ExternalTrainerOptions
        {
            Command = ["/usr/bin/python3", "train.py", "{data}", "{param:depth}"],
            TimeLimit = TimeSpan.FromMinutes(30),
            ContainerAppJob = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.App/jobs/trainer",
        }));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("no command", "ok", null, "00:10:00", "Command")]
    [InlineData("empty program", "ok", "", "00:10:00", "Command[0]")]
    [InlineData("time limit zero", "ok", "python3", "00:00:00", "TimeLimit")]
    [InlineData("time limit over a day", "ok", "python3", "2.00:00:00", "TimeLimit")]
    [InlineData("bad name", "../sh", "python3", "00:10:00", "external trainer name")]
    public void Validate_BadDeclaration_FailsNamingTheSetting(string why, string name, string? program, string timeLimit, string expected)
    {
        var trainer = new ExternalTrainerOptions { Command = program is null ? [] : [program], TimeLimit = TimeSpan.Parse(timeLimit, System.Globalization.CultureInfo.InvariantCulture) };

        var result = new ExternalTrainersValidator().Validate(null, With(name, trainer));

        Assert.True(result.Failed, why);
        Assert.Contains($"ModelOps:Retraining:ExternalTrainers:{name}", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }
}
