using Parquet;
using Parquet.Schema;

namespace ModelOps.Monitoring.Capture;

/// <summary>Capture files in Parquet (Parquet.Net): one row group per file, Snappy-compressed, columns as <see cref="CaptureColumns"/> describes.</summary>
internal static class CaptureParquet
{
    private static readonly ParquetOptions Options = new() { CompressionMethod = CompressionMethod.Snappy };

    /// <summary>Encodes <paramref name="table"/> into <paramref name="stream"/> (from its start; the caller reuses one stream file after file).</summary>
    public static async Task WriteAsync(CaptureTable table, MemoryStream stream, CancellationToken cancellationToken)
    {
        var id = Text(CaptureColumns.Id);
        var row = new DataField<int>(CaptureColumns.Row);
        var time = new DataField<long>(CaptureColumns.Time);
        var fields = new List<DataField> { id, row, time };
        fields.AddRange(table.Columns.Select(Field));
        stream.SetLength(0);
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, Options, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            using var group = writer.CreateRowGroup();
            await WriteTextAsync(group, id, table.Ids, cancellationToken).ConfigureAwait(false);

            await group.WriteAsync<int>(row, table.Rows, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<long>(time, table.Times, cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var c = 0; c < table.Columns.Length; c++)
            {
                var field = fields[c + 3];
                switch (table.Values(c))
                {
                    case ColumnBuffer<float> floats:
                        await group.WriteAsync<float>(field, floats.Items, cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                    case ColumnBuffer<double> doubles:
                        await group.WriteAsync<double>(field, doubles.Items, cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                    case ColumnBuffer<long> longs:
                        await group.WriteAsync<long>(field, longs.Items, cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                    case TextColumn texts:
                        await WriteTextAsync(group, field, texts, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
        }
    }

    /// <summary>The Parquet field of a column.</summary>
    public static DataField Field(CaptureColumn column) => column.Type switch
    {
        CaptureType.Float => new DataField<float>(column.Name),
        CaptureType.Double => new DataField<double>(column.Name),
        CaptureType.Long => new DataField<long>(column.Name),
        _ => Text(column.Name),
    };

    /// <summary>A UTF-8 string column written from slices of characters (<see cref="TextColumn"/>), not strings.</summary>
    private static DataField<ReadOnlyMemory<char>?> Text(string name) => new(name, nullable: true);

    private static async Task WriteTextAsync(ParquetRowGroupWriter group, DataField field, TextColumn texts, CancellationToken cancellationToken)
    {
        using var slices = texts.Slices();
        await group.WriteAsync<ReadOnlyMemory<char>>(field, slices.Items, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The capture type of a field read back from a file; null for a type capture does not write.</summary>
    public static CaptureType? TypeOf(DataField field) => field.ClrType switch
    {
        var t when t == typeof(float) => CaptureType.Float,
        var t when t == typeof(double) => CaptureType.Double,
        var t when t == typeof(long) || t == typeof(int) => CaptureType.Long,
        var t when t == typeof(string) || t == typeof(ReadOnlyMemory<char>) => CaptureType.String,
        _ => null,
    };
}
