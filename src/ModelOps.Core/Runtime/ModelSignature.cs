namespace ModelOps.Runtime;

/// <summary>A model's inputs, outputs and metadata, as read from the model file.</summary>
public sealed record ModelSignature(
    IReadOnlyList<ValueSpec> Inputs,
    IReadOnlyList<ValueSpec> Outputs,
    ModelMetadata Metadata)
{
    public ValueSpec? FindInput(string name)
    {
        foreach (var input in Inputs)
        {
            if (input.Name == name)
            {
                return input;
            }
        }

        return null;
    }

    public ValueSpec? FindOutput(string name)
    {
        foreach (var output in Outputs)
        {
            if (output.Name == name)
            {
                return output;
            }
        }

        return null;
    }
}
