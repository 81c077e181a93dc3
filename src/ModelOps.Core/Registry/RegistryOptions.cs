namespace ModelOps.Registry;

/// <summary>Where the registry keeps its records and artifacts.</summary>
public sealed class RegistryOptions
{
    /// <summary>Table of model, version and alias records (one partition per model).</summary>
    public string TableName { get; set; } = "modelopsregistry";

    /// <summary>Blob container of artifacts: <c>{model}/{version}/model.onnx</c> and <c>card.json</c>.</summary>
    public string ContainerName { get; set; } = "models";

    /// <summary>How often a registration retries when another one takes the same version number first.</summary>
    public int MaxVersionReservationAttempts { get; set; } = 50;
}
