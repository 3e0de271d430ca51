using MtaLint.Text;

namespace MtaLint.Syntax.Templates;

/// <summary>What a block does with the text inside it.</summary>
public enum TemplateBlockKind
{
    /// <summary><c>if/elif/else</c>, <c>unless</c>, <c>case/when</c>: at most one branch is rendered.</summary>
    Conditional,

    /// <summary><c>for</c>, <c>.each do |x|</c>, <c>.each |$x| {</c>: the body is rendered once per item (a <c>for ... else</c> branch when there are none).</summary>
    Loop,

    /// <summary><c>macro</c>, <c>call</c>: rendered where it is called, maybe never.</summary>
    Macro,

    /// <summary><c>set x</c> ... <c>endset</c>, <c>filter</c>: rendered into a value or through a filter, not copied as written.</summary>
    Capture,

    /// <summary><c>raw</c>: the content is literal.</summary>
    Raw,

    /// <summary>Any other block (<c>block</c>, <c>with</c>, a Ruby <c>begin</c> or <c>do</c> block, a Puppet lambda).</summary>
    Other,
}

/// <summary>The header of a loop: <c>for k, v in d.items()</c> has variables <c>k</c>, <c>v</c> and iterable <c>d.items()</c>.</summary>
public sealed record TemplateLoop(IReadOnlyList<string> Variables, string Iterable, TextSpan IterableSpan)
{
    /// <summary>The loop's filter (<c>for x in xs if x.on</c>), null without one.</summary>
    public string? Filter { get; init; }

    /// <summary>
    /// The code that produces the items, which a test may replace to control the number of iterations: the
    /// iterable with its filter in Jinja2, the receiver with its method (<c>@xs.each_pair</c>) in ERB and EPP.
    /// </summary>
    public TextSpan SourceSpan { get; init; } = IterableSpan;
}

/// <summary>
/// One branch of a block: <c>{% if x %}</c> up to the next <c>elif</c>/<c>else</c>/<c>endif</c>. <see cref="Body"/> is
/// the text between the tag that opens the branch and the tag that ends it.
/// </summary>
public sealed class TemplateBranch
{
    private readonly List<TemplateBlock> _blocks = [];

    internal TemplateBranch(string keyword, TemplateToken tag, TextSpan condition, string? conditionText, bool negated, TemplateLoop? loop)
    {
        Keyword = keyword;
        Tag = tag;
        ConditionSpan = condition;
        Condition = conditionText;
        Negated = negated;
        Loop = loop;
        Body = new TextSpan(tag.Span.End, 0);
    }

    /// <summary><c>if</c>, <c>elif</c>, <c>else</c>, <c>for</c>, <c>unless</c>, <c>elsif</c>, <c>when</c>, <c>each</c>, ...</summary>
    public string Keyword { get; }

    /// <summary>The tag that opens the branch.</summary>
    public TemplateToken Tag { get; }

    /// <summary>The condition as written (<c>postfix_relayhost is defined</c>); null for <c>else</c> and loops.</summary>
    public string? Condition { get; }

    public TextSpan ConditionSpan { get; }

    /// <summary>True for <c>unless</c>: the body renders when the condition is false.</summary>
    public bool Negated { get; }

    public TemplateLoop? Loop { get; }

    public TextSpan Body { get; internal set; }

    /// <summary>The blocks directly inside this branch.</summary>
    public IReadOnlyList<TemplateBlock> Blocks => _blocks;

    internal void Add(TemplateBlock block) => _blocks.Add(block);
}

/// <summary>A block of a template: its branches in order, from the opening tag to the closing one.</summary>
public sealed class TemplateBlock
{
    private readonly List<TemplateBranch> _branches = [];

    internal TemplateBlock(TemplateBlockKind kind, string keyword, TemplateBranch first)
    {
        Kind = kind;
        Keyword = keyword;
        _branches.Add(first);
    }

    public TemplateBlockKind Kind { get; }

    /// <summary>The keyword that opened it: <c>if</c>, <c>for</c>, <c>unless</c>, <c>each</c>, <c>macro</c>, ...</summary>
    public string Keyword { get; }

    public IReadOnlyList<TemplateBranch> Branches => _branches;

    public TemplateToken Opener => _branches[0].Tag;

    /// <summary>The closing tag; null only in a document with errors (the block is never closed).</summary>
    public TemplateToken? Closer { get; internal set; }

    public TextSpan Span => TextSpan.FromBounds(Opener.Span.Start, (Closer ?? _branches[^1].Tag).Span.End);

    internal TemplateBranch Last => _branches[^1];

    internal void Add(TemplateBranch branch) => _branches.Add(branch);
}
