using System.Runtime.InteropServices;
using ModelOps.Monitoring.Profiles;

namespace ModelOps.Monitoring.Sketches;

/// <summary>
/// Accumulates one categorical column in one pass with bounded memory: exact counts for the first
/// <see cref="SketchOptions.DistinctCap"/> distinct values, an "other" count for values first seen later, missing
/// values, and values outside a closed domain. Values compare ordinally. Not thread-safe: one writer per column.
/// </summary>
public sealed class CategoricalColumnSketch
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly HashSet<string>? _domain;
    private readonly int _cap;
    private readonly int _seeded;
    private long _count;
    private long _missing;
    private long _other;
    private long _outOfDomain;

    /// <param name="options">Sizes; defaults when null.</param>
    /// <param name="domain">The schema's closed domain: other values are counted out of range; null for an open domain.</param>
    /// <param name="seed">Values always counted exactly, beyond the cap (a window seeds the reference's values, so the
    /// "other" bucket only ever holds values the reference did not have).</param>
    public CategoricalColumnSketch(SketchOptions? options = null, IEnumerable<string>? domain = null, IEnumerable<string>? seed = null)
    {
        _cap = (options ?? new SketchOptions()).DistinctCap;
        _domain = domain is null ? null : new HashSet<string>(domain, StringComparer.Ordinal);
        foreach (var value in seed ?? [])
        {
            _counts.TryAdd(value, 0);
        }

        _seeded = _counts.Count;
    }

    /// <summary>Counts a value; null is missing.</summary>
    public void Add(string? value)
    {
        if (value is null)
        {
            _missing++;
            return;
        }

        _count++;
        if (_domain is not null && !_domain.Contains(value))
        {
            _outOfDomain++;
        }

        if (_counts.Count < _cap + _seeded)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_counts, value, out _)++;
        }
        else if (_counts.TryGetValue(value, out var count))
        {
            _counts[value] = count + 1;
        }
        else
        {
            _other++;
        }
    }

    public void AddMissing() => _missing++;

    /// <summary>Rows seen: present and missing.</summary>
    public long Rows => _count + _missing;

    /// <summary>The column as a profile; <paramref name="rows"/> (at least <see cref="Rows"/>) counts unseen rows as missing.</summary>
    public ColumnProfile ToProfile(string name, long? rows = null) => new()
    {
        Name = name,
        Kind = ColumnKind.Categorical,
        Count = _count,
        Missing = _missing + Math.Max(0, (rows ?? Rows) - Rows),
        OutOfRange = _outOfDomain,
        Categorical = new CategoricalProfile
        {
            Top = _counts
                .Where(p => p.Value > 0)
                .OrderByDescending(p => p.Value)
                .ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new CategoryCount(p.Key, p.Value))
                .ToArray(),
            OtherCount = _other,
            DistinctCount = _counts.Count(p => p.Value > 0),
            DistinctCapped = _other > 0,
        },
    };
}
