using System.Text;
using System.Text.Json;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Tests.Tables;

/// <summary>The wire format itself (not only our own round trip): the OData JSON payload rules of the Table service.</summary>
public sealed class TableEntityJsonTests
{
    [Fact]
    public void Serialize_TypedProperties_WritesAnnotationsTheServiceExpects()
    {
        var entity = new TableEntity("p", "r")
        {
            ["Big"] = 9223372036854775807L,
            ["Small"] = 42,
            ["Ratio"] = 2.0,
            ["When"] = new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.FromHours(2)),
            ["Id"] = Guid.Parse("00000000-0000-0000-0000-000000000001"),
            ["Bytes"] = new byte[] { 1, 2, 3 },
            ["Flag"] = false,
            ["Text"] = "t",
            ["Missing"] = null,
            ["Nan"] = double.NaN,
        };

        using var json = JsonDocument.Parse(TableEntityJson.Serialize(entity));
        var root = json.RootElement;

        Assert.Equal("p", root.GetProperty("PartitionKey").GetString());
        Assert.Equal("r", root.GetProperty("RowKey").GetString());
        Assert.Equal("Edm.Int64", root.GetProperty("Big@odata.type").GetString());
        Assert.Equal("9223372036854775807", root.GetProperty("Big").GetString());
        Assert.Equal(42, root.GetProperty("Small").GetInt32());
        Assert.False(root.TryGetProperty("Small@odata.type", out _));
        Assert.Equal("Edm.Double", root.GetProperty("Ratio@odata.type").GetString());
        Assert.Equal(2.0, root.GetProperty("Ratio").GetDouble());
        Assert.Equal("Edm.DateTime", root.GetProperty("When@odata.type").GetString());
        Assert.Equal("2026-11-22T04:00:00.0000000Z", root.GetProperty("When").GetString());
        Assert.Equal("Edm.Guid", root.GetProperty("Id@odata.type").GetString());
        Assert.Equal("00000000-0000-0000-0000-000000000001", root.GetProperty("Id").GetString());
        Assert.Equal("Edm.Binary", root.GetProperty("Bytes@odata.type").GetString());
        Assert.Equal("AQID", root.GetProperty("Bytes").GetString());
        Assert.False(root.GetProperty("Flag").GetBoolean());
        Assert.Equal("t", root.GetProperty("Text").GetString());
        Assert.False(root.TryGetProperty("Missing", out _));
        Assert.Equal("NaN", root.GetProperty("Nan").GetString());
    }

    [Fact]
    public void Deserialize_ServicePayloadWithFullMetadata_GivesTypedValuesETagAndTimestamp()
    {
        const string payload = """
            {"odata.type":"acct.models","odata.id":"http://x/models(PartitionKey='p',RowKey='r')",
             "odata.etag":"W/\"datetime'2026-11-22T04%3A00%3A00.1234567Z'\"","odata.editLink":"models(PartitionKey='p',RowKey='r')",
             "PartitionKey":"p","RowKey":"r",
             "Timestamp@odata.type":"Edm.DateTime","Timestamp":"2026-11-22T04:00:00.1234567Z",
             "Big@odata.type":"Edm.Int64","Big":"-5","Small":7,"Ratio@odata.type":"Edm.Double","Ratio":1,
             "Inf@odata.type":"Edm.Double","Inf":"Infinity",
             "Id@odata.type":"Edm.Guid","Id":"00000000-0000-0000-0000-000000000002",
             "Bytes@odata.type":"Edm.Binary","Bytes":"AQID","Flag":true,"Text":"t","Untyped":2.5}
            """;
        using var json = JsonDocument.Parse(payload);

        var entity = TableEntityJson.Deserialize(json.RootElement);

        Assert.Equal("W/\"datetime'2026-11-22T04%3A00%3A00.1234567Z'\"", entity.ETag);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 4, 0, 0, TimeSpan.Zero).AddTicks(1234567), entity.Timestamp);
        Assert.Equal(-5L, Assert.IsType<long>(entity["Big"]));
        Assert.Equal(7, Assert.IsType<int>(entity["Small"]));
        Assert.Equal(1.0, Assert.IsType<double>(entity["Ratio"]));
        Assert.Equal(double.PositiveInfinity, entity["Inf"]);
        Assert.Equal(Guid.Parse("00000000-0000-0000-0000-000000000002"), entity["Id"]);
        Assert.Equal(new byte[] { 1, 2, 3 }, entity["Bytes"]);
        Assert.Equal(true, entity["Flag"]);
        Assert.Equal("t", entity["Text"]);
        Assert.Equal(2.5, Assert.IsType<double>(entity["Untyped"]));
        Assert.Equal(9, entity.Properties.Count);
    }

    [Fact]
    public void Serialize_ThenDeserialize_KeepsEveryType()
    {
        var entity = new TableEntity("p", "r") { ["L"] = 1L, ["I"] = 1, ["D"] = 1.0, ["S"] = "1" };
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(TableEntityJson.Serialize(entity)));

        var read = TableEntityJson.Deserialize(json.RootElement);

        Assert.IsType<long>(read["L"]);
        Assert.IsType<int>(read["I"]);
        Assert.IsType<double>(read["D"]);
        Assert.IsType<string>(read["S"]);
    }
}
