namespace ModelOps.Training.Tests.Validation;

/// <summary>Tests that measure the process's memory run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeFileCollection
{
    public const string Name = "Validation memory";
}
