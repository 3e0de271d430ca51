using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace MtaLint.Syntax.Templates.Variables;

/// <summary>Python's semantics of the values a Jinja expression reads: equality, truth, and where a value came from.</summary>
internal static class JinjaSemantics
{
    /// <summary>Python's <c>==</c> on the values read here; null for what it does not compare (undefined: an error in Ansible).</summary>
    internal static bool? Equal(JinjaValue? a, JinjaValue? b) => a?.Value is { } x && b?.Value is { } y ? Equal(x, y) : null;

    internal static bool? Equal(TemplateValue x, TemplateValue y)
    {
        if (Number(x) is { } nx && Number(y) is { } ny)
        {
            return nx == ny;
        }

        return (x, y) switch
        {
            (TemplateOpaque, _) or (_, TemplateOpaque) or (TemplateFloat, _) or (_, TemplateFloat) => null,
            (TemplateString s, TemplateString t) => s.Value == t.Value,
            (TemplateNull, TemplateNull) => true,
            (TemplateList l, TemplateList m) when l.Size + m.Size < TemplateValues.MaxSize => l.Items.Length != m.Items.Length ? false
                : l.Items.Zip(m.Items).Select(p => Equal(p.First, p.Second)).Aggregate((bool?)true, (acc, e) => acc == false || e == false ? false : acc == null || e == null ? null : true),
            (TemplateMap, _) or (_, TemplateMap) or (TemplateList, TemplateList) => null,
            _ => false,
        };
    }

    internal static BigInteger? Number(TemplateValue v) => v switch
    {
        TemplateInteger i => i.Value,
        TemplateBoolean b => b.Value ? 1 : 0,
        _ => null,
    };

    /// <summary>Python's truth of a value; null when unknown or undefined (Ansible's undefined raises).</summary>
    internal static bool? Truthy(JinjaValue? v) => v?.Value switch
    {
        null or TemplateOpaque => null,
        TemplateBoolean b => b.Value,
        TemplateNull => false,
        TemplateString s => s.Value.Length > 0,
        TemplateInteger i => !i.Value.IsZero,
        TemplateFloat f => f.Value != 0,
        TemplateList l => l.Items.Length > 0,
        TemplateMap m => m.Entries.Length > 0,
        _ => null,
    };

    internal static JinjaValue Known(TemplateValue value, params JinjaValue[] from) =>
        new(value, [.. from.SelectMany(f => f.From).Distinct()]);

    /// <summary>A value that also depends on the variables <paramref name="also"/> came from (the condition that chose it).</summary>
    internal static JinjaValue? With(JinjaValue? value, JinjaValue? also) =>
        value is null ? null : also is null ? value : value with { From = [.. value.From.Concat(also.From).Distinct()] };
}
