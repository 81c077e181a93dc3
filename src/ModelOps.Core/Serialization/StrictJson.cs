using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using ModelOps.Errors;

namespace ModelOps.Serialization;

/// <summary>
/// Parses JSON bodies strictly, for every reader of the public contract (HTTP bodies, queue messages): a string or key
/// that is not valid Unicode (invalid UTF-8, a lone surrogate escape) and a key repeated in one object are refused with
/// <see cref="ModelOpsException"/> (InvalidInput) naming where they are, instead of a parse that fails later (a 500) or
/// silently keeps the last duplicate.
/// </summary>
public static class StrictJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Checks and parses <paramref name="utf8"/>. <paramref name="what"/> names the document in messages (e.g. "The body").</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8, string what = "The body")
    {
        Check(utf8.Span, what);
        try
        {
            return JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException exception)
        {
            throw ModelOpsException.Invalid($"{what} is not valid JSON: {exception.Message}");
        }
    }

    /// <summary>
    /// One pass over the tokens: every string and key must be valid Unicode, and no object may repeat a key. Malformed
    /// JSON is left to the parser, which words it.
    /// </summary>
    private static void Check(ReadOnlySpan<byte> utf8, string what)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth });
        var path = new JsonPath();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        path.Enter(isArray: false);
                        break;
                    case JsonTokenType.StartArray:
                        path.Enter(isArray: true);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.Leave();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = ReadKey(ref reader, what, path);
                        if (!path.AddKey(name))
                        {
                            throw ModelOpsException.Invalid($"{what} has the key '{name}' twice in {path.DescribeObject()}; send each key once.");
                        }

                        break;
                    case JsonTokenType.String:
                        CheckString(ref reader, what, path);
                        path.ValueDone();
                        break;
                    default:
                        path.ValueDone();
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the parser's message says where.
        }
    }

    private static string ReadKey(ref Utf8JsonReader reader, string what, JsonPath path)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && !Utf8.IsValid(reader.ValueSpan))
        {
            throw ModelOpsException.Invalid($"{what} has a key that is not valid Unicode text in {path.DescribeObject()} (invalid UTF-8 or a lone surrogate escape).");
        }

        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw ModelOpsException.Invalid($"{what} has a key that is not valid Unicode text in {path.DescribeObject()} (invalid UTF-8 or a lone surrogate escape).");
        }
    }

    /// <summary>Refuses a string value that is not valid Unicode (without making a string of every valid one).</summary>
    private static void CheckString(ref Utf8JsonReader reader, string what, JsonPath path)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            if (Utf8.IsValid(reader.ValueSpan))
            {
                return;
            }
        }
        else
        {
            var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
            var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(length);
            try
            {
                reader.CopyString(buffer);
                return;
            }
            catch (InvalidOperationException)
            {
                // A lone surrogate escape ("\ud800") or invalid UTF-8 behind escapes: refused below.
            }
            finally
            {
                System.Buffers.ArrayPool<char>.Shared.Return(buffer);
            }
        }

        throw ModelOpsException.Invalid($"{what} has a string that is not valid Unicode text at '{path.Describe()}' (invalid UTF-8 or a lone surrogate escape).");
    }

    /// <summary>Where the reader is, to name it in messages, and the keys seen in each open object.</summary>
    private sealed class JsonPath
    {
        private readonly List<Frame> _frames = [];

        public void Enter(bool isArray) => _frames.Add(new Frame(isArray));

        /// <summary>A container ended: it was one value of the container around it.</summary>
        public void Leave()
        {
            _frames.RemoveAt(_frames.Count - 1);
            ValueDone();
        }

        /// <summary>Records a key of the current object; false when the object has it already.</summary>
        public bool AddKey(string name) => _frames[^1].AddKey(name);

        /// <summary>A value ended: an array moves on to its next index.</summary>
        public void ValueDone()
        {
            if (_frames.Count > 0 && _frames[^1].IsArray)
            {
                _frames[^1].Index++;
            }
        }

        /// <summary>The path of the current value, e.g. <c>inputs[0].name</c>.</summary>
        public string Describe() => Build(_frames.Count);

        /// <summary>The object the reader is in, e.g. <c>'inputs[0]'</c> or <c>the top-level object</c>.</summary>
        public string DescribeObject() => _frames.Count <= 1 ? "the top-level object" : $"'{Build(_frames.Count - 1)}'";

        private string Build(int frames)
        {
            var text = new StringBuilder();
            for (var i = 0; i < frames; i++)
            {
                var frame = _frames[i];
                if (frame.IsArray)
                {
                    text.Append('[').Append(frame.Index).Append(']');
                }
                else if (frame.Key is not null)
                {
                    text.Append(text.Length == 0 ? string.Empty : ".").Append(frame.Key);
                }
            }

            return text.ToString();
        }

        private sealed class Frame(bool isArray)
        {
            /// <summary>Objects of a few keys (rows, tensors) compare linearly; larger ones use a set.</summary>
            private const int LinearKeys = 8;
            private List<string>? _keys;
            private HashSet<string>? _set;

            public bool IsArray { get; } = isArray;

            public int Index { get; set; }

            /// <summary>The key whose value the reader is in.</summary>
            public string? Key { get; private set; }

            public bool AddKey(string name)
            {
                Key = name;
                if (_set is not null)
                {
                    return _set.Add(name);
                }

                _keys ??= new List<string>(4);
                if (_keys.Contains(name, StringComparer.Ordinal))
                {
                    return false;
                }

                _keys.Add(name);
                if (_keys.Count > LinearKeys)
                {
                    _set = new HashSet<string>(_keys, StringComparer.Ordinal);
                }

                return true;
            }
        }
    }
}
