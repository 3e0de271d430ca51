using MtaLint.Text;

namespace MtaLint.Syntax.Templates;

/// <summary>What a piece of a template is.</summary>
public enum TemplateTokenKind
{
    /// <summary>Text the engine copies to the output (apart from whitespace a neighbouring tag strips).</summary>
    Literal,

    /// <summary><c>{{ x }}</c>, <c>&lt;%= x %&gt;</c>: its value is written in its place.</summary>
    Expression,

    /// <summary><c>{% if x %}</c>, <c>&lt;% if x %&gt;</c>: code, nothing written.</summary>
    Statement,

    /// <summary><c>{# x #}</c>, <c>&lt;%# x %&gt;</c>: nothing written.</summary>
    Comment,

    /// <summary><c>&lt;%%</c> (and EPP's <c>%%&gt;</c>): source text written as <see cref="TemplateToken.Renders"/>.</summary>
    Escape,

    /// <summary>Ansible's <c>#jinja2: ...</c> first line: settings for the engine, removed before rendering.</summary>
    Header,
}

/// <summary>
/// One piece of a template; the tokens of a file, concatenated, are the file. A tag's <see cref="Span"/> runs from
/// its opening delimiter (with a <c>-</c>/<c>+</c> marker) to its closing one; <see cref="Code"/> is what is between
/// the markers. <see cref="StrippedBefore"/> and <see cref="StrippedAfter"/> are the whitespace of the neighbouring
/// literal text the engine drops because of this tag (empty spans at the tag's edges when it drops none).
/// </summary>
public sealed record TemplateToken(TemplateTokenKind Kind, TextSpan Span)
{
    public TextSpan Code { get; init; } = Span;

    public TextSpan StrippedBefore { get; init; } = new(Span.Start, 0);

    public TextSpan StrippedAfter { get; init; } = new(Span.End, 0);

    /// <summary>The first word of a statement's code (<c>if</c>, <c>endfor</c>, <c>end</c>), empty for other tokens.</summary>
    public string Keyword { get; init; } = "";

    /// <summary>What an <see cref="TemplateTokenKind.Escape"/> renders as; null for other kinds.</summary>
    public string? Renders { get; init; }

    public bool IsTag => Kind is not TemplateTokenKind.Literal and not TemplateTokenKind.Escape;
}
