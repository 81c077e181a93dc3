using System.Text.Json;

namespace ModelOps.Provisioning.Tests.Images;

/// <summary>
/// The instructions of a Dockerfile as the checks here need them: continuation lines joined, comments dropped, each
/// instruction as its keyword and its argument text.
/// </summary>
internal sealed class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<(string Keyword, string Arguments, int Line)> instructions)
    {
        Path = path;
        Instructions = instructions;
    }

    public string Path { get; }

    public IReadOnlyList<(string Keyword, string Arguments, int Line)> Instructions { get; }

    public static Dockerfile Read(string path)
    {
        var instructions = new List<(string, string, int)>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var start = i;
            var text = lines[i].Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            while (text.EndsWith('\\') && i + 1 < lines.Length)
            {
                text = text[..^1].TrimEnd() + " " + lines[++i].Trim();
            }

            var space = text.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add((text[..space].ToUpperInvariant(), text[(space + 1)..].Trim(), start + 1));
        }

        return new Dockerfile(path, instructions);
    }

    public IEnumerable<(string Arguments, int Line)> All(string keyword) =>
        Instructions.Where(i => i.Keyword == keyword).Select(i => (i.Arguments, i.Line));

    /// <summary>The words of the one <c>RUN dotnet publish</c>, after <c>dotnet</c>.</summary>
    public IReadOnlyList<string> PublishArguments()
    {
        var run = All("RUN").Single(r => r.Arguments.StartsWith("dotnet publish ", StringComparison.Ordinal));
        return run.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
    }

    /// <summary>The value after <c>-o</c> in the publish line.</summary>
    public string PublishOutput()
    {
        var words = PublishArguments();
        var at = words.ToList().IndexOf("-o");
        return words[at + 1].TrimEnd('/');
    }

    /// <summary>The exec-form ENTRYPOINT's words.</summary>
    public IReadOnlyList<string> EntryPoint() =>
        JsonSerializer.Deserialize<string[]>(All("ENTRYPOINT").Single().Arguments) ?? [];

    /// <summary><c>COPY</c> lines as (from-stage or null, sources, destination, line).</summary>
    public IEnumerable<(string? From, IReadOnlyList<string> Sources, string Destination, int Line)> Copies()
    {
        foreach (var (arguments, line) in All("COPY"))
        {
            var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            var from = words.FirstOrDefault(w => w.StartsWith("--from=", StringComparison.Ordinal))?["--from=".Length..];
            words.RemoveAll(w => w.StartsWith("--", StringComparison.Ordinal));
            yield return (from, words[..^1], words[^1], line);
        }
    }
}
