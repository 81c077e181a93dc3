using System.Globalization;
using System.Text;

namespace ModelOps.Storage.Tables;

/// <summary>Row keys: newest-first ordering by time, and caller text made safe as a key.</summary>
internal static class TableKeys
{
    /// <summary>Zero-padded ticks counted down from the largest date, so later times sort first.</summary>
    public static string InvertedTicks(DateTimeOffset time) =>
        (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>
    /// Text as a key: the characters Table storage refuses in keys (<c>/ \ # ?</c>, control characters) and <c>%</c>
    /// itself written as <c>%XX</c>, so any caller's id is a key and distinct ids stay distinct.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);
}
