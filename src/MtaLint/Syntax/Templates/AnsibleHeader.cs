using MtaLint.Text;

namespace MtaLint.Syntax.Templates;

/// <summary>
/// Ansible's per-template override line, <c>#jinja2: trim_blocks: False, lstrip_blocks: True</c>: when a template
/// starts with <c>#jinja2:</c>, Ansible cuts the text up to the first line break off and reads it as
/// <c>key: python-literal</c> pairs separated by commas. mtalint follows the whitespace settings; other keys (new
/// delimiters, line statements) change how the template is split and are reported as not supported.
/// </summary>
internal sealed record AnsibleHeader(TextSpan Span, IReadOnlyList<(string Key, string Value, int Offset)> Pairs)
{
    private const string Prefix = "#jinja2:";

    public static AnsibleHeader? Read(SourceFile file, TokenList tokens)
    {
        var text = file.Text;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var eol = text.IndexOf('\n', StringComparison.Ordinal);
        if (eol < 0)
        {
            tokens.Fail(0, "Missing newline after Jinja2 override: Ansible reads the '#jinja2:' line up to a line break");
            return null;
        }

        var pairs = new List<(string, string, int)>();
        var at = Prefix.Length;
        foreach (var pair in text[Prefix.Length..eol].Split(','))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            pairs.Add(colon < 0 ? (pair.Trim(), "", at) : (pair[..colon].Trim(), pair[(colon + 1)..].Trim(), at));
            at += pair.Length + 1;
        }

        return new AnsibleHeader(new TextSpan(0, eol + 1), pairs);
    }

    /// <summary>Adds the header token and returns the options it sets; reports pairs mtalint cannot follow.</summary>
    public JinjaOptions Apply(JinjaOptions options, TokenList tokens)
    {
        tokens.Add(new TemplateToken(TemplateTokenKind.Header, Span) { Code = TextSpan.FromBounds(Prefix.Length, Span.End) });
        foreach (var (key, value, offset) in Pairs)
        {
            bool? flag = value switch
            {
                "True" or "true" => true,
                "False" or "false" => false,
                _ => null,
            };
            switch (key)
            {
                case "trim_blocks" when flag is { } f:
                    options = options with { TrimBlocks = f };
                    break;
                case "lstrip_blocks" when flag is { } f:
                    options = options with { LstripBlocks = f };
                    break;
                case "newline_sequence" or "keep_trailing_newline":
                    break; // output only: where tags are and what they strip does not change
                default:
                    tokens.Fail(offset, $"the Jinja2 override '{key}: {value}' is not supported: mtalint reads templates with Jinja's standard delimiters and true/false whitespace settings");
                    return options;
            }
        }

        return options;
    }
}
