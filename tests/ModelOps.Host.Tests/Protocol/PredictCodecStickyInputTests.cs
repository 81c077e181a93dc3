using System.Text.Json;
using ModelOps.Protocol;
using ModelOps.Rollouts;

namespace ModelOps.Host.Tests.Protocol;

/// <summary>The value sticky routing by input reads from a rows request, and that it matches the OIP form's.</summary>
public sealed class PredictCodecStickyInputTests
{
    [Theory]
    [InlineData("""{"rows":[{"customer_id":42,"x":1},{"customer_id":7,"x":2}]}""", "42")]
    [InlineData("""{"rows":[{"customer_id":42.0}]}""", "42")]
    [InlineData("""{"rows":[{"customer_id":4.2e1}]}""", "42")]
    [InlineData("""{"rows":[{"customer_id":"c-17"}]}""", "c-17")]
    [InlineData("""{"rows":[{"customer_id":[0.5, 1]}]}""", "0.5")]
    [InlineData("""{"rows":[{"customer_id":true}]}""", "true")]
    [InlineData("""{"rows":[{"x":1}]}""", null)]
    [InlineData("""{"instances":[[42, 1]]}""", null)]
    public void StickyInput_FirstRowsColumn_ItsInvariantText(string json, string? expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, PredictCodec.StickyInput(document.RootElement)("customer_id"));
    }

    [Fact]
    public void StickyInput_SameValueInRowsAndOipForms_SameBucket()
    {
        using var rows = JsonDocument.Parse("""{"rows":[{"customer_id":1234567,"x":0.1}]}""");
        using var body = JsonDocument.Parse("""{"inputs":[{"name":"customer_id","shape":[1,1],"datatype":"INT64","data":[1234567]}]}""");
        var oip = OipCodec.ReadRequest(body.RootElement, "m", null);

        var fromRows = PredictCodec.StickyInput(rows.RootElement)("customer_id");
        var fromOip = StickyInputs.Of(oip.Inputs)("customer_id");

        Assert.Equal(fromRows, fromOip);
        Assert.Equal(TrafficRouting.StickyBucket(fromRows!), TrafficRouting.StickyBucket(fromOip!));
    }
}
