using ModelOps.Onnx.Native;

namespace ModelOps.Onnx.Tests;

/// <summary>Checks that the function table slots we read are the functions the header says they are.</summary>
public sealed class OrtApiTests
{
    private static OrtApi Api => OnnxEnvironment.Get(new OnnxRuntimeOptions()).Api;

    [Fact]
    public void GetVersionString_ThroughOrtApiBase_Is1300()
    {
        Assert.Equal("1.30.0", Api.Version);
        Assert.Equal("1.30.0", TestRuntime.Instance.Version);
    }

    [Theory]
    [InlineData(1, "plain")] // ORT_FAIL
    [InlineData(2, "héllo ✓")] // ORT_INVALID_ARGUMENT
    [InlineData(10, "")] // ORT_INVALID_GRAPH
    public void CreateStatus_ReadBackAndReleased_RoundTripsCodeAndMessage(int errorCode, string message)
    {
        var code = (OrtErrorCode)errorCode;
        var status = Api.CreateStatus(code, message);
        Assert.NotEqual(IntPtr.Zero, status);

        var exception = Api.ToException(status);

        Assert.Equal(code, exception.Code);
        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void Check_NonNullStatus_ThrowsWithItsCode()
    {
        var status = Api.CreateStatus(OrtErrorCode.NotImplemented, "not here");

        var exception = Assert.Throws<OrtException>(() => Api.Check(status));

        Assert.Equal(OrtErrorCode.NotImplemented, exception.Code);
    }

    [Fact]
    public void GetAvailableProviders_CpuBuild_ListsCpuProvider()
    {
        Assert.Contains("CPUExecutionProvider", TestRuntime.Instance.AvailableProviders);
    }
}
