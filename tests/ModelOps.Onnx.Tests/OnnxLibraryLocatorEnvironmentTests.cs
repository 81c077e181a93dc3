namespace ModelOps.Onnx.Tests;

[Collection(EnvironmentVariableCollection.Name)]
public sealed class OnnxLibraryLocatorEnvironmentTests : IDisposable
{
    private readonly string? _previous = Environment.GetEnvironmentVariable(OnnxRuntimeOptions.LibraryPathVariable);
    private readonly string _directory = Directory.CreateTempSubdirectory("modelops-ort-").FullName;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(OnnxRuntimeOptions.LibraryPathVariable, _previous);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Resolve_VariableNamesFolder_TakesTheLibraryInIt()
    {
        var library = Path.Combine(_directory, OnnxLibraryLocator.LibraryFileName);
        File.WriteAllBytes(library, [0]);
        Environment.SetEnvironmentVariable(OnnxRuntimeOptions.LibraryPathVariable, _directory);

        Assert.Equal(library, OnnxLibraryLocator.Resolve(null));
    }

    [Fact]
    public void Resolve_VariableNamesFile_TakesIt()
    {
        var library = Path.Combine(_directory, "custom-onnxruntime.so");
        File.WriteAllBytes(library, [0]);
        Environment.SetEnvironmentVariable(OnnxRuntimeOptions.LibraryPathVariable, library);

        Assert.Equal(library, OnnxLibraryLocator.Resolve(null));
    }

    [Fact]
    public void Resolve_VariableNamesMissingFile_FallsBackToNodeModules()
    {
        Environment.SetEnvironmentVariable(OnnxRuntimeOptions.LibraryPathVariable, Path.Combine(_directory, "missing.so"));

        Assert.Contains("onnxruntime-node", OnnxLibraryLocator.Resolve(null), StringComparison.Ordinal);
    }
}
