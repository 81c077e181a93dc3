using Azure.Core.Serialization;
using Microsoft.DurableTask;

namespace ModelOps.Functions.Tests.Support;

/// <summary>
/// Durable payloads through the worker's <see cref="ObjectSerializer"/>, as the Durable Functions extension converts
/// them (its own shim is internal): the test host's worker and client write what the Functions app would.
/// </summary>
internal sealed class ObjectSerializerDataConverter(ObjectSerializer serializer) : DataConverter
{
    public override string? Serialize(object? value) => value is null ? null : serializer.Serialize(value).ToString();

    public override object? Deserialize(string? data, Type targetType) =>
        data is null ? null : serializer.Deserialize(BinaryData.FromString(data).ToStream(), targetType, CancellationToken.None);
}
