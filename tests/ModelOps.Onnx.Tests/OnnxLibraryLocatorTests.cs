namespace ModelOps.Onnx.Tests;

public sealed class OnnxLibraryLocatorTests
{
    [Fact]
    public void Resolve_NoConfiguration_FindsOnnxRuntimeNodeAboveTheAssembly()
    {
        var path = OnnxLibraryLocator.Resolve(null);

        Assert.True(File.Exists(path));
        Assert.Contains(Path.Combine("node_modules", "onnxruntime-node", "bin", "napi-v6"), path, StringComparison.Ordinal);
        Assert.Equal(TestRuntime.Instance.LibraryPath, path);
    }

    [Fact]
    public void Resolve_ConfiguredPathMissing_ThrowsNamingThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir", "libonnxruntime.so.1");

        var exception = Assert.Throws<DllNotFoundException>(() => OnnxLibraryLocator.Resolve(missing));

        Assert.Contains(missing, exception.Message, StringComparison.Ordinal);
        Assert.Contains(OnnxRuntimeOptions.LibraryPathVariable, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runtime_DifferentLibraryAfterLoad_IsRefused()
    {
        _ = TestRuntime.Instance;
        var other = typeof(OnnxLibraryLocatorTests).Assembly.Location;

        var exception = Assert.Throws<InvalidOperationException>(() => new OnnxModelRuntime(new OnnxRuntimeOptions { LibraryPath = other }));

        Assert.Contains("already loaded", exception.Message, StringComparison.Ordinal);
    }
}
