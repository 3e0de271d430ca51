using System.Collections.Immutable;

namespace MtaLint.Syntax.Templates.Variables;

/// <summary>A Jinja value during evaluation: null <see cref="Value"/> is Jinja's undefined.</summary>
internal sealed record JinjaValue(TemplateValue? Value, ImmutableArray<TemplateVariable> From)
{
    public bool IsUndefined => Value is null;

    public static JinjaValue Undefined { get; } = new(null, []);
}
