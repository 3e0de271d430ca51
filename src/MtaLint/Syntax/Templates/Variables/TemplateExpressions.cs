using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace MtaLint.Syntax.Templates.Variables;

/// <summary>What an expression tag writes, when it is known, and the variables (with their places) it comes from.</summary>
public sealed record RenderedExpression(string Text, ImmutableArray<TemplateVariable> From);

/// <summary>
/// Evaluates a template's expression tags and branch conditions against its variables. Known means the text is what
/// the real engine writes under these variables (checked against Jinja2, Ruby's ERB and Puppet in the tests);
/// anything not read (a call, a fact, an undefined name without a default, a name a loop or <c>set</c> binds) is
/// unknown (null).
/// </summary>
public sealed partial class TemplateExpressions
{
    private readonly TemplateDocument _document;
    private readonly TemplateVariables _variables;
    private readonly IReadOnlySet<string> _local;

    public TemplateExpressions(TemplateDocument document, TemplateVariables variables)
    {
        _document = document;
        _variables = variables;
        _local = document.Options.Engine == TemplateEngine.Jinja2 ? LocalNames(document) : new HashSet<string>();
    }

    public TemplateVariables Variables => _variables;

    /// <summary>The text an expression tag writes in its place; null when unknown (or when the token is no expression).</summary>
    public RenderedExpression? Render(TemplateToken token) =>
        token.Kind == TemplateTokenKind.Expression ? RenderCode(_document.Options, Code(token), _variables, _local) : null;

    /// <summary>The shape of t-core's hook: the rendered text of an expression tag, null for a hole.</summary>
    public Func<TemplateToken, string?> Resolver => token => Render(token)?.Text;

    /// <summary>Whether <paramref name="branch"/> is the one rendered: its condition holds and no earlier branch of its block is taken (<c>elif</c>, <c>else</c>); null when unknown or for a loop.</summary>
    public bool? Taken(TemplateBranch branch)
    {
        var block = FindBlock(_document.Blocks, branch);
        if (block is null || block.Kind != TemplateBlockKind.Conditional || block.Keyword is "case")
        {
            return null;
        }

        foreach (var b in block.Branches)
        {
            var holds = b.Condition is null ? true : Truth(b);
            if (ReferenceEquals(b, branch))
            {
                return holds;
            }

            if (holds != false)
            {
                return holds == true ? false : null;
            }
        }

        return null;
    }

    /// <summary>The truth of a branch's own condition (<c>unless</c> already turned round); null when unknown.</summary>
    public bool? Truth(TemplateBranch branch) =>
        branch.Condition is { } c && Condition(_document.Options, c, _variables, _local) is { } b ? b != branch.Negated : null;

    /// <summary>The text of expression <paramref name="code"/> under <paramref name="variables"/>, as the engine of <paramref name="options"/> writes it.</summary>
    public static RenderedExpression? RenderCode(TemplateOptions options, string code, TemplateVariables variables, IReadOnlySet<string>? local = null) =>
        options.Engine switch
        {
            TemplateEngine.Jinja2 => JinjaEvaluator.Render(code, variables, options.Host == JinjaOptions.Ansible.Host, local ?? new HashSet<string>()),
            _ => RubyEvaluator.Render(code, variables, options.Engine),
        };

    /// <summary>The truth of condition <paramref name="code"/> (<c>postfix_tls</c>, <c>x is defined</c>, <c>@x == 'y'</c>); null when unknown.</summary>
    public static bool? Condition(TemplateOptions options, string code, TemplateVariables variables, IReadOnlySet<string>? local = null) =>
        options.Engine switch
        {
            TemplateEngine.Jinja2 => JinjaEvaluator.Truth(code, variables, options.Host == JinjaOptions.Ansible.Host, local ?? new HashSet<string>()),
            _ => RubyEvaluator.Truth(code, variables, options.Engine),
        };

    /// <summary>
    /// Names the template binds itself (<c>for</c> variables, <c>set</c>, <c>macro</c> parameters, imports, <c>with</c>):
    /// inside the template they may hide a variable of the same name, so they are never read from the defaults.
    /// </summary>
    public static IReadOnlySet<string> LocalNames(TemplateDocument document)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in document.Tokens)
        {
            if (token.Kind == TemplateTokenKind.Statement && token.Keyword is "for" or "set" or "macro" or "call" or "with" or "import" or "from")
            {
                var code = document.File.Text.Substring(token.Code.Start, token.Code.Length);
                foreach (Match m in Identifier().Matches(code))
                {
                    names.Add(m.Value);
                }
            }
        }

        return names;
    }

    private string Code(TemplateToken token) => _document.File.Text.Substring(token.Code.Start, token.Code.Length);

    private static TemplateBlock? FindBlock(IReadOnlyList<TemplateBlock> blocks, TemplateBranch branch)
    {
        foreach (var block in blocks)
        {
            if (block.Branches.Contains(branch))
            {
                return block;
            }

            foreach (var b in block.Branches)
            {
                if (b.Body.Start <= branch.Tag.Span.Start && branch.Tag.Span.Start <= b.Body.End && FindBlock(b.Blocks, branch) is { } inner)
                {
                    return inner;
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?<![\w.'""])[A-Za-z_]\w*")]
    private static partial Regex Identifier();
}
