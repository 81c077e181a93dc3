using System.Globalization;
using System.Text.Json;
using ModelOps.Errors;
using ModelOps.Protocol;
using ModelOps.Tensors;
using ModelOps.Training.Data;

namespace ModelOps.Inference.Jobs.Batch;

/// <summary>
/// Fills the model's input tensors for a run of rows, one row at a time: a row whose values do not all fit is refused
/// with its reason and leaves nothing behind, so one bad row never spoils the others.
/// </summary>
internal sealed class RowEncoder
{
    private readonly InputLayout _layout;
    private readonly int _capacity;
    private readonly Array[] _data;
    private readonly int _headerWidth;

    public RowEncoder(InputLayout layout, int capacity, int headerWidth)
    {
        _layout = layout;
        _capacity = capacity;
        _headerWidth = headerWidth;
        _data = new Array[layout.Inputs.Count];
        Allocate();
    }

    /// <summary>Rows held for the next run.</summary>
    public int Count { get; private set; }

    public bool IsFull => Count == _capacity;

    /// <summary>Adds a CSV record; null when it fits, else why not.</summary>
    public string? TryAdd(CsvReader record)
    {
        if (record.FieldCount != _headerWidth)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the row has {record.FieldCount} fields but the header has {_headerWidth}");
        }

        for (var i = 0; i < _data.Length; i++)
        {
            var input = _layout.Inputs[i];
            for (var j = 0; j < input.Width; j++)
            {
                var column = input.Columns[j];
                if (RowValues.TrySet(record.Field(column), input.Type, _data[i], (Count * input.Width) + j) is { } problem)
                {
                    return $"column '{(input.Width == 1 ? input.Name : $"{input.Name}[{j}]")}': {problem}";
                }
            }
        }

        Count++;
        return null;
    }

    /// <summary>Adds a JSON line (an object of inputs by name, or an array for a single-input model); null when it fits, else why not.</summary>
    public string? TryAdd(JsonElement row)
    {
        try
        {
            if (row.ValueKind == JsonValueKind.Object)
            {
                for (var i = 0; i < _data.Length; i++)
                {
                    var input = _layout.Inputs[i];
                    if (row.TryGetProperty(input.Name, out var value))
                    {
                        if (SetValues(value, input, _data[i]) is { } problem)
                        {
                            return problem;
                        }
                    }
                    else if (input.Width == 1 && _data[i] is float[] floats)
                    {
                        floats[Count] = float.NaN; // A missing feature, as /predict reads it.
                    }
                    else if (input.Width == 1 && _data[i] is double[] doubles)
                    {
                        doubles[Count] = double.NaN;
                    }
                    else
                    {
                        return $"the row has no '{input.Name}'";
                    }
                }
            }
            else if (row.ValueKind == JsonValueKind.Array && _data.Length == 1)
            {
                if (SetValues(row, _layout.Inputs[0], _data[0]) is { } problem)
                {
                    return problem;
                }
            }
            else
            {
                return _data.Length == 1
                    ? "the line must be a JSON object of inputs by name, or an array of the input's values"
                    : "the line must be a JSON object of inputs by name";
            }
        }
        catch (ModelOpsException exception)
        {
            return exception.Message;
        }

        Count++;
        return null;
    }

    /// <summary>The held rows as input tensors; the encoder starts afresh.</summary>
    public List<NamedValue> Take()
    {
        var inputs = new List<NamedValue>(_data.Length);
        for (var i = 0; i < _data.Length; i++)
        {
            var input = _layout.Inputs[i];
            var data = _data[i];
            if (Count < _capacity)
            {
                var exact = Array.CreateInstance(input.Type.ClrType(), Count * input.Width);
                Array.Copy(data, exact, exact.Length);
                data = exact;
            }

            inputs.Add(new NamedValue(input.Name, new Tensor(input.Type, [Count, .. input.RowShape], data)));
        }

        Count = 0;
        Allocate();
        return inputs;
    }

    private string? SetValues(JsonElement value, InputColumn input, Array data)
    {
        var offset = Count * input.Width;
        if (value.ValueKind == JsonValueKind.Array)
        {
            if (value.GetArrayLength() != input.Width)
            {
                return string.Create(CultureInfo.InvariantCulture, $"'{input.Name}' has {value.GetArrayLength()} values but the input takes {input.Width} per row");
            }

            var j = 0;
            foreach (var item in value.EnumerateArray())
            {
                TensorJson.SetElement(item, input.Type, data, offset + j++, input.Name, lenient: true);
            }

            return null;
        }

        if (input.Width != 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"'{input.Name}' must be an array of {input.Width} values");
        }

        TensorJson.SetElement(value, input.Type, data, offset, input.Name, lenient: true);
        return null;
    }

    private void Allocate()
    {
        for (var i = 0; i < _data.Length; i++)
        {
            var input = _layout.Inputs[i];
            _data[i] = Array.CreateInstance(input.Type.ClrType(), _capacity * input.Width);
        }
    }
}
