using ModelOps.Inference;
using ModelOps.Monitoring.Capture;
using ModelOps.Tensors;
using Parquet;

namespace ModelOps.Monitoring.Tests.Capture;

public sealed class CaptureParquetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 15, 0, TimeSpan.Zero);

    [Fact]
    public async Task Write_RowsForm_OneColumnPerInputAndPredictionColumnsPerOutput()
    {
        var record = CaptureRecords.Rows("req-1", T0, [1.5f, -2f], ["red", null]);
        var table = TableOf(record);

        var read = await ReadAsync(await EncodeAsync(table));

        Assert.Equal(
            ["_id", "_row", "_time", "x", "color", "prediction.label", "prediction.probabilities[0]", "prediction.probabilities[1]"],
            read.Keys);
        Assert.Equal(new object?[] { "req-1", "req-1" }, read["_id"]);
        Assert.Equal(new object?[] { 0, 1 }, read["_row"]);
        Assert.Equal(new object?[] { T0.ToUnixTimeMilliseconds(), T0.ToUnixTimeMilliseconds() }, read["_time"]);
        Assert.Equal(new object?[] { 1.5f, -2f }, read["x"]);
        Assert.Equal(new object?[] { "red", null }, read["color"]);
        Assert.Equal(new object?[] { 1L, 0L }, read["prediction.label"]);
        Assert.Equal(new object?[] { 0.8f, 0.2f }, read["prediction.probabilities[1]"]);
    }

    [Fact]
    public async Task Write_ManyRequestsSomeWithoutIdOrEmpty_EveryRowKeepsItsRequestsIdPastTheFirstArrays()
    {
        // An empty id takes no characters: the request after it must still get its own.
        var records = Enumerable.Range(0, 3000).Select(i => CaptureRecords.Rows(i % 7 == 0 ? null : i % 5 == 0 ? "" : $"req-{i}", T0.AddMilliseconds(i), [i, -i], ["red", "blue"])).ToList();
        var rows = CaptureShape.RowCount(records[0]);
        var shape = CaptureShape.Of(records[0], rows);
        using var table = new CaptureTable(new CaptureLayout(records[0], rows), "m", 1, T0, shape, T0);
        foreach (var record in records)
        {
            table.Append(record, rows, shape);
        }

        var read = await ReadAsync(await EncodeAsync(table));

        Assert.Equal(records.SelectMany(r => new[] { r.RequestId, r.RequestId }), read["_id"]);
        Assert.Equal(records.SelectMany(r => new object?[] { ((float[])((Tensor)r.Inputs[0].Value).Data)[0], ((float[])((Tensor)r.Inputs[0].Value).Data)[1] }), read["x"]);
        Assert.Equal(records.SelectMany(r => new object?[] { r.Time.ToUnixTimeMilliseconds(), r.Time.ToUnixTimeMilliseconds() }), read["_time"]);
    }

    [Fact]
    public async Task Write_TensorOfKPerRow_FlattensIntoKColumnsRowMajor()
    {
        var x = Tensor.Create(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var record = new InferenceRecord(CaptureRecords.Version(), "t", T0, [new NamedValue("x", x)], [new NamedValue("y", Tensor.Create(new[] { 7.0f, 8.0f }, 2))], TimeSpan.Zero);

        var read = await ReadAsync(await EncodeAsync(TableOf(record)));

        Assert.Equal(["_id", "_row", "_time", "x[0]", "x[1]", "x[2]", "prediction.y"], read.Keys);
        Assert.Equal(new object?[] { 1.0, 4.0 }, read["x[0]"]);
        Assert.Equal(new object?[] { 3.0, 6.0 }, read["x[2]"]);
    }

    [Fact]
    public async Task Write_ListOfMaps_OneColumnPerKey()
    {
        var maps = new SequenceValue([
            new MapValue(Tensor.Create(new[] { 0L, 1L }, 2), Tensor.Create(new[] { 0.3f, 0.7f }, 2)),
            new MapValue(Tensor.Create(new[] { 0L, 1L }, 2), Tensor.Create(new[] { 0.9f, 0.1f }, 2)),
        ]);
        var record = new InferenceRecord(CaptureRecords.Version(), "z", T0, [new NamedValue("x", Tensor.Create(new[] { 1f, 2f }, 2))], [new NamedValue("output_probability", maps)], TimeSpan.Zero);

        var read = await ReadAsync(await EncodeAsync(TableOf(record)));

        Assert.Equal(new object?[] { 0.7f, 0.1f }, read["prediction.output_probability[1]"]);
    }

    [Fact]
    public void Layout_SameNamesTypesAndWidths_EqualWhateverTheRowCount()
    {
        var one = CaptureRecords.Rows("a", T0, [1f], ["red"]);
        var two = CaptureRecords.Rows("b", T0, [2f, 3f], ["blue", "red"]);
        var wide = new InferenceRecord(CaptureRecords.Version(), "c", T0, [new NamedValue("x", Tensor.Create(new[] { 1f, 2f }, 1, 2))], [], TimeSpan.Zero);
        var otherVersion = CaptureRecords.Rows("d", T0, [1f], ["red"], CaptureRecords.Version(version: 2));

        Assert.Equal(new CaptureLayout(one, 1), new CaptureLayout(two, 2));
        Assert.NotEqual(new CaptureLayout(one, 1), new CaptureLayout(wide, 1));
        Assert.NotEqual(new CaptureLayout(one, 1), new CaptureLayout(otherVersion, 1));
        Assert.Equal(2, CaptureShape.RowCount(two));
    }

    private static CaptureTable TableOf(InferenceRecord record)
    {
        var rows = CaptureShape.RowCount(record);
        var shape = CaptureShape.Of(record, rows);
        var table = new CaptureTable(new CaptureLayout(record, rows), "m", 1, T0, shape, T0);
        table.Append(record, rows, shape);
        return table;
    }

    private static async Task<byte[]> EncodeAsync(CaptureTable table)
    {
        using var stream = new MemoryStream();
        await CaptureParquet.WriteAsync(table, stream, CancellationToken.None);
        return stream.ToArray();
    }

    private static async Task<Dictionary<string, object?[]>> ReadAsync(byte[] bytes)
    {
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes));
        using var group = reader.OpenRowGroupReader(0);
        var count = (int)group.RowCount;
        var columns = new Dictionary<string, object?[]>();
        foreach (var field in reader.Schema.GetDataFields())
        {
            object?[] values;
            if (CaptureParquet.TypeOf(field) == CaptureType.String)
            {
                var strings = new string?[count];
                await group.ReadAsync(field, strings);
                values = strings;
            }
            else if (field.ClrType == typeof(float))
            {
                var floats = new float[count];
                await group.ReadAsync<float>(field, floats);
                values = floats.Cast<object?>().ToArray();
            }
            else if (field.ClrType == typeof(double))
            {
                var doubles = new double[count];
                await group.ReadAsync<double>(field, doubles);
                values = doubles.Cast<object?>().ToArray();
            }
            else if (field.ClrType == typeof(int))
            {
                var ints = new int[count];
                await group.ReadAsync<int>(field, ints);
                values = ints.Cast<object?>().ToArray();
            }
            else
            {
                var longs = new long[count];
                await group.ReadAsync<long>(field, longs);
                values = longs.Cast<object?>().ToArray();
            }

            columns[field.Name] = values;
        }

        return columns;
    }
}
