using System.Text;
using System.Text.RegularExpressions;

namespace ModelOps.Provisioning.Tests.ProviderCheck;

/// <summary>
/// Just enough of a reader for the generated <c>.d.ts</c> files of @pulumi/azure-native: comments stripped, blocks matched
/// by braces, members split on top-level semicolons. The files are machine-generated and regular, which is what makes this enough.
/// </summary>
internal static partial class TsDeclarations
{
    /// <summary>The text without <c>/* */</c> and <c>//</c> comments (no string in these files contains either).</summary>
    public static string StripComments(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 1;
            }
            else if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                var end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end - 1;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>The index just past the <c>}</c> that closes the <c>{</c> at <paramref name="open"/>.</summary>
    public static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                depth++;
            }
            else if (text[i] == '}' && --depth == 0)
            {
                return i + 1;
            }
        }

        throw new FormatException("Unbalanced braces in a provider declaration file.");
    }

    /// <summary>Every <c>interface Name { ... }</c> in <paramref name="text"/> (comment-free), parsed.</summary>
    public static IEnumerable<TsInterface> Interfaces(string module, string text)
    {
        foreach (Match match in InterfaceHeader().Matches(text))
        {
            var open = match.Index + match.Length - 1;
            var close = MatchingBrace(text, open);
            yield return new TsInterface(module, match.Groups[1].Value, Members(text[(open + 1)..(close - 1)]));
        }
    }

    /// <summary>The properties of a block body: <c>readonly? name?: type;</c>, methods and index signatures skipped.</summary>
    public static Dictionary<string, TsProperty> Members(string body)
    {
        var members = new Dictionary<string, TsProperty>(StringComparer.Ordinal);
        foreach (var member in SplitTopLevel(body))
        {
            var match = PropertyMember().Match(member);
            if (match.Success)
            {
                var name = match.Groups[2].Value;
                members[name] = new TsProperty(name, match.Groups[4].Value.Trim(), match.Groups[3].Success);
            }
        }

        return members;
    }

    /// <summary>The <c>inputs.module.Name</c> (or <c>outputs.module.Name</c>) interfaces a type text refers to, as (module, name).</summary>
    public static IReadOnlyList<(string Module, string Name)> ReferencedTypes(string typeText, string kind) =>
        ReferencedType().Matches(typeText).Where(m => m.Groups[1].Value == kind).Select(m => (m.Groups[2].Value, m.Groups[3].Value)).Distinct().ToList();

    private static IEnumerable<string> SplitTopLevel(string body)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            switch (body[i])
            {
                case '{' or '(' or '[' or '<':
                    depth++;
                    break;
                case '}' or ')' or ']':
                    depth--;
                    break;
                case '>' when i == 0 || body[i - 1] != '=':
                    depth--;
                    break;
                case ';' when depth == 0:
                    yield return body[start..i].Trim();
                    start = i + 1;
                    break;
            }
        }
    }

    [GeneratedRegex(@"(?:^|\n)\s*(?:export\s+)?interface\s+(\w+)\s*\{")]
    private static partial Regex InterfaceHeader();

    [GeneratedRegex(@"^(readonly\s+)?([A-Za-z_$][\w$]*)(\?)?\s*:\s*([\s\S]+)$")]
    private static partial Regex PropertyMember();

    [GeneratedRegex(@"\b(inputs|outputs)\.(\w+)\.(\w+)")]
    private static partial Regex ReferencedType();
}
