using ModelOps.Audit;

namespace ModelOps.Core.Tests.Audit;

public sealed class AuditScopeTests
{
    [Fact]
    public async Task Note_InsideAScope_ReachesItAcrossAwaits_OutsideGoesNowhere()
    {
        AuditScope.Note(new AuditChange("outside", null, "x", []));
        using var scope = AuditScope.Begin();

        await Task.Yield();
        await Task.Run(() => AuditScope.Note(new AuditChange("inside", "m", "x", [])));

        Assert.Equal(["inside"], scope.Changes.Select(c => c.Action));
    }

    [Fact]
    public void Fields_OfAndDiff_KeepOnlyChangesAndCutLongValues()
    {
        Assert.Empty(AuditFields.Of("version", 3, 3));
        Assert.Equal(new FieldChange("version", "3", "4"), Assert.Single(AuditFields.Of("version", 3, 4)));
        var cut = Assert.Single(AuditFields.Of("description", null, new string('x', 2000)));
        Assert.Equal(AuditFields.MaxValueLength + 1, cut.After!.Length);

        var diff = AuditFields.Diff(new { label = "y", trainer = "gbt", seed = 1 }, new { label = "y", trainer = "external", seed = 2 });

        Assert.Equal([new FieldChange("seed", "1", "2"), new FieldChange("trainer", "gbt", "external")], diff);
    }
}
