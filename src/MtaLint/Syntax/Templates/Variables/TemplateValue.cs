using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using MtaLint.Text;

namespace MtaLint.Syntax.Templates.Variables;

/// <summary>
/// A value a template variable holds, as the tool that renders the template has it after reading the defaults
/// file (YAML 1.1 for Ansible, Puppet or Ruby literals): a string, a boolean, an integer, a float, null, a list or a
/// mapping. <see cref="At"/> is where the value is written, when it comes from a file.
/// </summary>
public abstract record TemplateValue
{
    public SourceSpan? At { get; init; }

    /// <summary>How many values this one holds counting itself, aliases expanded: what rendering or comparing it costs.</summary>
    public abstract long Size { get; }
}

public sealed record TemplateString(string Value) : TemplateValue
{
    public override long Size => 1;
}

public sealed record TemplateBoolean(bool Value) : TemplateValue
{
    public override long Size => 1;
}

public sealed record TemplateInteger(BigInteger Value) : TemplateValue
{
    public override long Size => 1;
}

public sealed record TemplateFloat(double Value) : TemplateValue
{
    public override long Size => 1;
}

/// <summary>YAML's null, Puppet's undef, Ruby's nil.</summary>
public sealed record TemplateNull : TemplateValue
{
    public override long Size => 1;
}

/// <summary>
/// A variable that is defined but whose value mtalint does not know: a string that is itself a template (Ansible
/// renders <c>"{{ other }}"</c> in a default lazily), a tag it does not read (<c>!vault</c>), a date.
/// </summary>
public sealed record TemplateOpaque(string Why) : TemplateValue
{
    public override long Size => 1;
}

public sealed record TemplateList : TemplateValue
{
    public TemplateList(ImmutableArray<TemplateValue> items)
    {
        Items = items;
        Size = 1 + items.Sum(i => i.Size);
    }

    public ImmutableArray<TemplateValue> Items { get; }

    public override long Size { get; }
}

/// <summary>A mapping in insertion order (Python's dict, Ruby's Hash); a key written twice keeps its first place and its last value.</summary>
public sealed record TemplateMap : TemplateValue
{
    public TemplateMap(ImmutableArray<KeyValuePair<TemplateValue, TemplateValue>> entries)
    {
        Entries = entries;
        Size = 1 + entries.Sum(e => e.Key.Size + e.Value.Size);
    }

    public ImmutableArray<KeyValuePair<TemplateValue, TemplateValue>> Entries { get; }

    public override long Size { get; }

    /// <summary>The value under a string key, null when there is none.</summary>
    public TemplateValue? Get(string key) =>
        Entries.FirstOrDefault(e => e.Key is TemplateString s && s.Value == key) is { Key: not null } found ? found.Value : null;
}

/// <summary>Small helpers on values shared by the engines' renderings.</summary>
internal static class TemplateValues
{
    /// <summary>Longest text an evaluation produces; a longer one (an alias bomb that got through, a huge join) is unknown.</summary>
    public const int MaxText = 64 * 1024;

    /// <summary>Largest value an evaluation renders or compares (counted by <see cref="TemplateValue.Size"/>).</summary>
    public const long MaxSize = 10_000;

    public static bool HasOpaque(TemplateValue value) => value switch
    {
        TemplateOpaque => true,
        TemplateList l => l.Items.Any(HasOpaque),
        TemplateMap m => m.Entries.Any(e => HasOpaque(e.Key) || HasOpaque(e.Value)),
        _ => false,
    };

    public static string Integer(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
