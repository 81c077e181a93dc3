using System.Text;
using ModelOps.Training.Data;

namespace ModelOps.Training.Tests.Data;

public sealed class CsvReaderTests
{
    [Fact]
    public void Read_StreamHandingOutFewBytesAtATime_GivesTheSameRecords()
    {
        var text = MixedContent(8000, seed: 11);
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.True(bytes.Length > 3 * (1 << 16), "The content must span several buffer fills.");

        var whole = ReadAll(new MemoryStream(bytes));
        var trickled = ReadAll(new TrickleStream(bytes, seed: 5));

        Assert.Equal(8000, whole.Count);
        Assert.Equal(whole, trickled);
        Assert.Equal(["name, \"quoted\"", "line\r\nbreak", "caf\u00E9"], whole[0].Fields);
        Assert.Equal(3, whole[0].Line);
    }

    [Fact]
    public void Read_QuotedLineBreaks_LinesCountFromWhereEachRecordStarts()
    {
        var records = ReadAll(new MemoryStream("a,b\n\"x\ny\nz\",1\n  // comment \"open\n\n\"p\",2\n"u8.ToArray()));

        Assert.Equal([2L, 7L], records.Select(r => r.Line));
        Assert.Equal(["x\ny\nz", "1"], records[0].Fields);
        Assert.Equal(["p", "2"], records[1].Fields);
    }

    [Fact]
    public void Read_RecordOverTheLimit_StopsWithTooLong()
    {
        using var reader = new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes($"a,b\n1,{new string('x', 5000)}\n2,y\n")), ',', "//", 1024);

        Assert.Equal(RecordStatus.Record, reader.Read());
        Assert.Equal(RecordStatus.TooLong, reader.Read());
        Assert.Equal(2, reader.LineNumber);
    }

    [Fact]
    public void DetectSeparator_SkipsByteOrderMarkBlankAndCommentLines()
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFF\n// a,b,c\n\"x;y\",1\t2\t3\n");

        Assert.Equal('\t', CsvReader.DetectSeparator(() => new MemoryStream(bytes), "//"));
        Assert.Equal(',', CsvReader.DetectSeparator(() => new MemoryStream(bytes), null));
    }

    /// <summary>Records of quoted fields (separators, doubled quotes, CRLF inside), non-ASCII text, white space to
    /// trim, comment and blank lines between them, CRLF line ends, after a byte order mark.</summary>
    private static string MixedContent(int records, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("\uFEFF// generated\r\nname,note,city\r\n");
        for (var i = 0; i < records; i++)
        {
            text.Append(i == 0 ? "\"name, \"\"quoted\"\"\"" : $"\"n{i}, {new string('q', random.Next(0, 40))}\"")
                .Append(',')
                .Append(i == 0 ? "\"line\r\nbreak\"" : random.Next(3) == 0 ? $"\"{new string('l', random.Next(1, 30))}\r\n{i}\"" : $"  note {i}\u00A0")
                .Append(',')
                .Append(i == 0 ? "caf\u00E9" : random.Next(2) == 0 ? "Troms\u00F8" : " Oslo ")
                .Append("\r\n");
            if (random.Next(10) == 0)
            {
                text.Append(random.Next(2) == 0 ? "   // a comment, with \"a quote\r\n" : "\r\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The records after the header.</summary>
    private static List<Row> ReadAll(Stream stream)
    {
        using var reader = new CsvReader(stream, ',', "//", 1 << 20);
        Assert.Equal(RecordStatus.Record, reader.Read());
        var rows = new List<Row>();
        RecordStatus status;
        while ((status = reader.Read()) == RecordStatus.Record)
        {
            rows.Add(new Row(reader.LineNumber, [.. Enumerable.Range(0, reader.FieldCount).Select(reader.Text)]));
        }

        Assert.Equal(RecordStatus.End, status);
        return rows;
    }

    private sealed record Row(long Line, string[] Fields)
    {
        public bool Equals(Row? other) => other is not null && Line == other.Line && Fields.SequenceEqual(other.Fields);

        public override int GetHashCode() => HashCode.Combine(Line, Fields.Length);
    }

    /// <summary>A read-only stream that returns 1 to 13 bytes per read, so every buffer boundary is crossed somewhere.</summary>
    private sealed class TrickleStream(byte[] bytes, int seed) : Stream
    {
        private readonly Random _random = new(seed);
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, _random.Next(1, 14)), bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
