using System.Diagnostics;

namespace ModelOps.Onnx.Tests.Conformance;

/// <summary>The C library locales installed on this machine (as <c>locale -a</c> lists them).</summary>
internal static class InstalledLocales
{
    private static readonly Lazy<HashSet<string>> _names = new(List);

    /// <summary>True when <paramref name="name"/> (e.g. <c>en_US.UTF-8</c>, listed as <c>en_US.utf8</c>) is installed.</summary>
    public static bool Has(string name) => _names.Value.Contains(Normalize(name));

    private static string Normalize(string name) => name.Replace("UTF-8", "utf8", StringComparison.OrdinalIgnoreCase).ToUpperInvariant();

    private static HashSet<string> List()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (OperatingSystem.IsWindows())
        {
            return names;
        }

        using var process = Process.Start(new ProcessStartInfo("locale", "-a") { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not start 'locale -a'.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            names.Add(Normalize(line));
        }

        return names;
    }
}
