namespace ModelOps.Storage.Connection;

/// <summary>Which Shared Key string-to-sign a service expects.</summary>
public enum SharedKeyScheme
{
    /// <summary>Blob and Queue services: verb, standard headers, canonicalized x-ms- headers and resource with every query parameter.</summary>
    BlobQueue,

    /// <summary>Table service: verb, Content-MD5, Content-Type, date and the resource with only <c>comp</c>.</summary>
    Table,
}
