using ModelOps.Inference;
using ModelOps.Registry;
using ModelOps.Tensors;

namespace ModelOps.Monitoring.Capture;

/// <summary>
/// What makes requests share a file layout: the version, and each input's and output's name, element type and values
/// per row. Cheap to compute per request (no strings built), so the columns' names are built once per layout.
/// </summary>
internal sealed class CaptureLayout : IEquatable<CaptureLayout>
{
    private readonly ModelVersion _version;
    private readonly (string Name, int Type, int Width)[] _values;
    private readonly int _hash;

    public CaptureLayout(InferenceRecord record, int rows)
    {
        _version = record.Version;
        _values = new (string, int, int)[record.Inputs.Count + record.Outputs.Count];
        var hash = new HashCode();
        hash.Add(record.Version.Name);
        hash.Add(record.Version.Version);
        var i = 0;
        foreach (var value in record.Inputs.Concat(record.Outputs))
        {
            var type = value.Value switch
            {
                Tensor tensor => (int)tensor.ElementType,
                SequenceValue { Items.Count: > 0 } sequence when sequence.Items[0] is MapValue map => 100 + (int)map.Values.ElementType,
                _ => -1,
            };
            _values[i++] = (value.Name, type, CaptureShape.Width(value.Value, rows));
            hash.Add(value.Name);
            hash.Add(type);
            hash.Add(_values[i - 1].Width);
        }

        _hash = hash.ToHashCode();
    }

    /// <summary>Whether <paramref name="record"/> has this layout, without building one (the common case: the same layout as the last request).</summary>
    public bool Matches(InferenceRecord record, int rows)
    {
        if (!ReferenceEquals(record.Version, _version) && (record.Version.Name != _version.Name || record.Version.Version != _version.Version))
        {
            return false;
        }

        if (record.Inputs.Count + record.Outputs.Count != _values.Length)
        {
            return false;
        }

        for (var i = 0; i < _values.Length; i++)
        {
            var value = i < record.Inputs.Count ? record.Inputs[i] : record.Outputs[i - record.Inputs.Count];
            var (name, type, width) = _values[i];
            if (value.Name != name || value.Value is not Tensor tensor || (int)tensor.ElementType != type || CaptureShape.Width(tensor, rows) != width)
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(CaptureLayout? other) =>
        other is not null && _hash == other._hash && _version.Name == other._version.Name && _version.Version == other._version.Version &&
        _values.AsSpan().SequenceEqual(other._values);

    public override bool Equals(object? obj) => Equals(obj as CaptureLayout);

    public override int GetHashCode() => _hash;
}
