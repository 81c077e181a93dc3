using System.Globalization;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Inference.Jobs.Batch;

/// <summary>
/// How rows fill a model's inputs. An input that takes one value per row (<c>[N]</c> or <c>[N,1]</c>) is filled from the
/// column (CSV) or property (JSON lines) of its name; a model whose only input takes several values per row
/// (<c>[N,k]</c>) is filled from all <c>k</c> columns of a CSV in order, or from a JSON line that is an array of
/// <c>k</c> values (or an object whose property of the input's name is one).
/// </summary>
internal sealed class InputLayout
{
    private InputLayout(IReadOnlyList<InputColumn> inputs) => Inputs = inputs;

    public IReadOnlyList<InputColumn> Inputs { get; }

    /// <summary>The layout for <paramref name="signature"/>; with a CSV <paramref name="header"/>, checked against its columns.</summary>
    public static InputLayout Create(ModelSignature signature, IReadOnlyList<string>? header, string file)
    {
        var inputs = new List<InputColumn>(signature.Inputs.Count);
        foreach (var spec in signature.Inputs)
        {
            if (spec.Kind != ValueKind.Tensor || spec.Shape.Count == 0 || spec.Shape.Skip(1).Any(d => d < 0))
            {
                throw new BatchTransformException(
                    $"Model input '{spec.Name}' ({spec.OnnxType}, shape [{string.Join(",", spec.Shape)}]) cannot be filled from rows: batch transform needs tensors of known width per row.");
            }

            if (!RowValues.Supports(spec.ElementType))
            {
                throw new BatchTransformException($"Model input '{spec.Name}' is {spec.OnnxType}, which batch transform cannot fill from text.");
            }

            var width = checked((int)Tensor.ElementCount(spec.Shape.Skip(1).ToArray()));
            inputs.Add(new InputColumn(spec.Name, spec.ElementType, [.. spec.Shape.Skip(1)], width, Columns(spec.Name, width, signature.Inputs.Count, header, file)));
        }

        return new InputLayout(inputs);
    }

    private static int[] Columns(string name, int width, int inputCount, IReadOnlyList<string>? header, string file)
    {
        if (header is null)
        {
            return [];
        }

        if (width == 1)
        {
            var index = IndexOf(header, name);
            return index >= 0
                ? [index]
                : throw new BatchTransformException(
                    $"The header of '{file}' lacks column '{name}', which the model needs; its columns are {string.Join(", ", header.Select(h => $"'{h}'"))}.");
        }

        if (inputCount == 1 && header.Count == width)
        {
            return [.. Enumerable.Range(0, width)];
        }

        throw new BatchTransformException(string.Create(
            CultureInfo.InvariantCulture,
            $"Model input '{name}' takes {width} values per row: '{file}' must have exactly {width} columns (it has {header.Count}), filled in order."));
    }

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
