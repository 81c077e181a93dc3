using System.Text;

namespace ModelOps.Training.Tests.Validation;

/// <summary>A CSV file in the temp folder, deleted on dispose.</summary>
internal sealed class TempCsv : IDisposable
{
    private TempCsv(string path) => Path = path;

    public string Path { get; }

    public static TempCsv FromText(string text) => FromBytes(Encoding.UTF8.GetBytes(text));

    public static TempCsv FromLines(params string[] lines) => FromText(string.Join('\n', lines) + "\n");

    public static TempCsv FromBytes(byte[] bytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"modelops-validation-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, bytes);
        return new TempCsv(path);
    }

    /// <summary>A file written by <paramref name="write"/> through a buffered writer (for large files).</summary>
    public static TempCsv Write(Action<TextWriter> write)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"modelops-validation-{Guid.NewGuid():N}.csv");
        using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16))
        {
            write(writer);
        }

        return new TempCsv(path);
    }

    public void Dispose()
    {
        if (File.Exists(Path))
        {
            File.Delete(Path);
        }
    }
}
