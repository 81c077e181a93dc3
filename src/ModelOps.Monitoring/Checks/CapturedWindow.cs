using System.Buffers;
using ModelOps.Monitoring.Capture;
using ModelOps.Monitoring.Drift;
using ModelOps.Monitoring.Feedback;
using ModelOps.Monitoring.Sketches;
using Parquet;
using Parquet.Schema;

namespace ModelOps.Monitoring.Checks;

/// <summary>
/// Reads a version's captured traffic in a time window once, file by file, into a window <see cref="DatasetSketch"/>:
/// only the columns the sketch wants, in parallel groups of columns (one Parquet reader per group over the same bytes,
/// each column fed by one task), rows outside the window left out by their <c>_time</c>. Memory holds one file and the
/// sketches, whatever the number of rows. When labels are given, the predictions of their requests are collected too.
/// </summary>
public static class CapturedWindow
{
    public static async Task<(long Rows, List<JoinedPrediction> Joined)> ReadAsync(
        ICaptureStore store,
        string model,
        int version,
        ReportWindow window,
        DatasetSketch sketch,
        PredictionColumns predictions,
        IReadOnlyDictionary<string, FeedbackLabel> labels,
        CancellationToken cancellationToken)
    {
        long rows = 0;
        var joined = new List<JoinedPrediction>();
        var from = window.From.ToUnixTimeMilliseconds();
        var to = window.To.ToUnixTimeMilliseconds();
        var start = window.From.ToUniversalTime();
        for (var hour = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, 0, 0, TimeSpan.Zero); hour < window.To; hour = hour.AddHours(1))
        {
            await foreach (var file in store.ListAsync(model, version, hour, cancellationToken).ConfigureAwait(false))
            {
                var bytes = await store.ReadAsync(file, cancellationToken).ConfigureAwait(false);
                if (bytes is not null)
                {
                    rows += await ReadFileAsync(bytes, from, to, sketch, predictions, labels, joined, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return (rows, joined);
    }

    private static async Task<long> ReadFileAsync(
        byte[] bytes,
        long from,
        long to,
        DatasetSketch sketch,
        PredictionColumns predictions,
        IReadOnlyDictionary<string, FeedbackLabel> labels,
        List<JoinedPrediction> joined,
        CancellationToken cancellationToken)
    {
        bool[]?[] masks;
        long rows = 0;
        List<string> columns;
        var first = await ParquetReader.CreateAsync(new MemoryStream(bytes, writable: false), cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (first.ConfigureAwait(false))
        {
            var reader = first;
            var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
            masks = new bool[]?[reader.RowGroupCount];
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var count = checked((int)group.RowCount);
                var times = new long[count];
                await group.ReadAsync<long>(fields[CaptureColumns.Time], times, cancellationToken: cancellationToken).ConfigureAwait(false);
                var inside = 0;
                foreach (var time in times)
                {
                    inside += time >= from && time < to ? 1 : 0;
                }

                rows += inside;
                masks[g] = inside == count ? null : times.Select(t => t >= from && t < to).ToArray();
                if (labels.Count > 0 && inside > 0)
                {
                    await JoinAsync(group, fields, count, masks[g], predictions, labels, joined, cancellationToken).ConfigureAwait(false);
                }
            }

            columns = fields.Keys.Where(name => sketch.IndexOf(name) >= 0 && CaptureParquet.TypeOf(fields[name]) is not null).ToList();
        }

        if (rows == 0 || columns.Count == 0)
        {
            return rows;
        }

        // Column groups read in parallel, each through its own reader over the same bytes: a column is fed by one task.
        var groups = Math.Min(Environment.ProcessorCount, columns.Count);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, groups),
            new ParallelOptions { MaxDegreeOfParallelism = groups, CancellationToken = cancellationToken },
            async (part, ct) =>
            {
                var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes, writable: false), cancellationToken: ct).ConfigureAwait(false);
                await using var disposeReader = reader.ConfigureAwait(false);
                var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
                for (var g = 0; g < reader.RowGroupCount; g++)
                {
                    using var group = reader.OpenRowGroupReader(g);
                    for (var c = part; c < columns.Count; c += groups)
                    {
                        await FeedAsync(group, fields[columns[c]], sketch, sketch.IndexOf(columns[c]), masks[g], ct).ConfigureAwait(false);
                    }
                }
            }).ConfigureAwait(false);
        return rows;
    }

    private static async Task FeedAsync(ParquetRowGroupReader group, DataField field, DatasetSketch sketch, int column, bool[]? mask, CancellationToken cancellationToken)
    {
        var count = checked((int)group.RowCount);
        var numeric = sketch.Columns[column].Kind == ColumnKind.Numeric;
        var type = CaptureParquet.TypeOf(field)!.Value;
        if (type == CaptureType.String)
        {
            var texts = ArrayPool<string?>.Shared.Rent(count);
            try
            {
                await group.ReadAsync(field, texts.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < count; i++)
                {
                    if (mask is null || mask[i])
                    {
                        sketch.Add(column, texts[i]);
                    }
                }
            }
            finally
            {
                ArrayPool<string?>.Shared.Return(texts, clearArray: true);
            }

            return;
        }

        var values = ArrayPool<double>.Shared.Rent(count);
        try
        {
            var kept = await ReadNumbersAsync(group, field, type, values, count, mask, cancellationToken).ConfigureAwait(false);
            if (numeric)
            {
                sketch.Numeric(column).Add(values.AsSpan(0, kept));
            }
            else
            {
                for (var i = 0; i < kept; i++)
                {
                    sketch.Add(column, values[i]);
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(values);
        }
    }

    /// <summary>Reads a numeric column as doubles into <paramref name="values"/>, keeping only masked rows; returns how many.</summary>
    private static async Task<int> ReadNumbersAsync(ParquetRowGroupReader group, DataField field, CaptureType type, double[] values, int count, bool[]? mask, CancellationToken cancellationToken)
    {
        switch (type)
        {
            case CaptureType.Double:
                await group.ReadAsync<double>(field, values.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);
                return Compact(values, count, mask, static (source, i) => source[i], values);
            case CaptureType.Float:
            {
                var floats = ArrayPool<float>.Shared.Rent(count);
                try
                {
                    await group.ReadAsync<float>(field, floats.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);
                    return Compact(floats, count, mask, static (source, i) => source[i], values);
                }
                finally
                {
                    ArrayPool<float>.Shared.Return(floats);
                }
            }

            default:
            {
                var longs = ArrayPool<long>.Shared.Rent(count);
                try
                {
                    if (field.ClrType == typeof(int))
                    {
                        var ints = new int[count];
                        await group.ReadAsync<int>(field, ints, cancellationToken: cancellationToken).ConfigureAwait(false);
                        return Compact(ints, count, mask, static (source, i) => source[i], values);
                    }

                    await group.ReadAsync<long>(field, longs.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);
                    return Compact(longs, count, mask, static (source, i) => source[i], values);
                }
                finally
                {
                    ArrayPool<long>.Shared.Return(longs);
                }
            }
        }
    }

    private static int Compact<T>(T[] source, int count, bool[]? mask, Func<T[], int, double> get, double[] target)
    {
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            if (mask is null || mask[i])
            {
                target[kept++] = get(source, i);
            }
        }

        return kept;
    }

    private static async Task JoinAsync(
        ParquetRowGroupReader group,
        Dictionary<string, DataField> fields,
        int count,
        bool[]? mask,
        PredictionColumns predictions,
        IReadOnlyDictionary<string, FeedbackLabel> labels,
        List<JoinedPrediction> joined,
        CancellationToken cancellationToken)
    {
        var ids = new string?[count];
        var rows = new int[count];
        await group.ReadAsync(fields[CaptureColumns.Id], ids, cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.ReadAsync<int>(fields[CaptureColumns.Row], rows, cancellationToken: cancellationToken).ConfigureAwait(false);
        var matches = new List<(int Index, FeedbackLabel Label)>();
        for (var i = 0; i < count; i++)
        {
            if ((mask is null || mask[i]) && ids[i] is { } id && labels.TryGetValue(FeedbackLabel.JoinKey(id, rows[i]), out var label))
            {
                matches.Add((i, label));
            }
        }

        if (matches.Count == 0)
        {
            return;
        }

        if (predictions.ProbabilityPrefix is { } prefix)
        {
            var byClass = matches.Select(_ => new Dictionary<string, double>(StringComparer.Ordinal)).ToArray();
            var values = new double[count];
            foreach (var (name, field) in fields.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal) && f.Key.EndsWith(']')))
            {
                if (CaptureParquet.TypeOf(field) is not { } type || type == CaptureType.String)
                {
                    continue;
                }

                await ReadNumbersAsync(group, field, type, values, count, null, cancellationToken).ConfigureAwait(false);
                var cls = predictions.ClassOf(name);
                for (var m = 0; m < matches.Count; m++)
                {
                    byClass[m][cls] = values[matches[m].Index];
                }
            }

            joined.AddRange(matches.Select((m, i) => new JoinedPrediction(m.Label, byClass[i], null)));
        }
        else if (predictions.Value is { } valueColumn && fields.TryGetValue(valueColumn, out var valueField) && CaptureParquet.TypeOf(valueField) is { } valueType && valueType != CaptureType.String)
        {
            var values = new double[count];
            await ReadNumbersAsync(group, valueField, valueType, values, count, null, cancellationToken).ConfigureAwait(false);
            joined.AddRange(matches.Select(m => new JoinedPrediction(m.Label, null, values[m.Index])));
        }
    }
}
