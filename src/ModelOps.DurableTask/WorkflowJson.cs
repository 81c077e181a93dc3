using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using ModelOps.Serialization;

namespace ModelOps.DurableTask;

/// <summary>
/// The one payload format of orchestration inputs, outputs, activity results and custom status: System.Text.Json with
/// ModelOps's options, on the worker side (the shim) and the client side (<see cref="CoreDataConverter"/>) alike, so
/// what a client starts is what an orchestrator reads, and what the runs API shows is camelCase JSON.
/// </summary>
public static class WorkflowJson
{
    public static DataConverter Converter { get; } = new JsonDataConverter(ModelOpsJson.Options);

    /// <summary>The same format for DurableTask.Core's client, whose default is Newtonsoft with type names.</summary>
    internal sealed class CoreDataConverter : global::DurableTask.Core.Serializing.DataConverter
    {
        public static CoreDataConverter Instance { get; } = new();

        public override string Serialize(object value) => Converter.Serialize(value) ?? "null";

        public override string Serialize(object value, bool formatted) => Serialize(value);

        public override object Deserialize(string data, Type objectType) => Converter.Deserialize(data, objectType)!;
    }
}
