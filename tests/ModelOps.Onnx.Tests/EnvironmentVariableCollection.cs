namespace ModelOps.Onnx.Tests;

/// <summary>Tests that set process environment variables; they run alone so no other test sees the change.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentVariableCollection
{
    public const string Name = "process environment";
}
