using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Tests.Tables;

public sealed class TableContinuationTokenTests
{
    [Theory]
    [InlineData("1!8!cGFydA--", "1!12!cm93O2tleQ--")]
    [InlineData("p;with;semis", null)]
    [InlineData("", "r")]
    public void Format_ThenParse_GivesBackBothKeys(string partitionKey, string? rowKey)
    {
        var token = TableContinuationToken.Format(partitionKey, rowKey);

        Assert.NotNull(token);
        Assert.Equal((partitionKey, rowKey), TableContinuationToken.Parse(token));
    }

    [Fact]
    public void Format_NoKeys_GivesNullForTheLastPage()
    {
        Assert.Null(TableContinuationToken.Format(null, null));
        Assert.Equal((null, null), TableContinuationToken.Parse(null));
    }

    [Fact]
    public void Parse_ForeignToken_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => TableContinuationToken.Parse("no-separator"));
    }
}
