using System.Text.RegularExpressions;
using MtaLint.Text;

namespace MtaLint.Syntax.Templates.Variables;

/// <summary>
/// Reads a Chef cookbook's <c>attributes/default.rb</c>: each top-level <c>default['a']['b'] = literal</c> (or
/// <c>node.default</c>, <c>override</c>, symbol keys) becomes the variable <c>node['a']['b']</c>, as a template reads
/// it. An <c>override</c> beats a <c>default</c> whatever their order, as Chef's precedence says. Only plain literals at
/// the top level are read: an assignment inside <c>if</c>/<c>case</c>/a block, with a modifier <c>if</c>, or from
/// code is left out.
/// </summary>
public static partial class ChefAttributesReader
{
    public static TemplateVariables Read(SourceFile file)
    {
        var text = file.Text;
        var variables = new Dictionary<string, (TemplateVariable Variable, int Level)>(StringComparer.Ordinal);
        var depth = 0;
        var p = 0;
        while (p < text.Length)
        {
            var eol = text.IndexOf('\n', p);
            var lineEnd = eol < 0 ? text.Length : eol;
            var line = text[p..lineEnd];
            var next = lineEnd + 1;
            var m = Assignment().Match(line);
            if (depth == 0 && m.Success)
            {
                // A literal may run over lines (an array); it must end its statement.
                var end = StatementEnd(text, p + m.Length);
                if (CodeLiteral.Read(file, p + m.Length, end, LiteralLanguage.Ruby) is { } literal
                    && CodeLiteral.SkipBlank(text, literal.End, end, newlines: true) == end)
                {
                    var name = "node" + string.Concat(Key().Matches(m.Groups["keys"].Value).Select(k => $"['{k.Groups["k"].Value}']"));
                    var level = m.Groups["level"].Value == "override" ? 2 : m.Groups["level"].Value == "normal" ? 1 : 0;
                    if (!variables.TryGetValue(name, out var had) || had.Level <= level)
                    {
                        variables[name] = (new TemplateVariable(name, literal.Value, literal.Value.At!), level);
                    }
                }

                next = Math.Max(next, end + 1);
            }
            else if (Opens().IsMatch(line))
            {
                depth++;
            }
            else if (Closes().IsMatch(line))
            {
                depth = Math.Max(0, depth - 1);
            }

            p = next;
        }

        return new TemplateVariables(VariableSource.ChefCookbook, variables.Values.Select(v => v.Variable), files: [file]);
    }

    /// <summary>Where the statement that starts its value at <paramref name="p"/> ends: the line break outside brackets and strings.</summary>
    private static int StatementEnd(string text, int p)
    {
        var depth = 0;
        for (var i = p; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\'' or '"':
                    var close = CodeWords.QuotedEnd(text, i);
                    if (close < 0)
                    {
                        return text.Length;
                    }

                    i = close - 1;
                    break;
                case '#':
                    while (i + 1 < text.Length && text[i + 1] != '\n')
                    {
                        i++;
                    }

                    break;
                case '[' or '(' or '{':
                    depth++;
                    break;
                case ']' or ')' or '}':
                    depth--;
                    break;
                case '\n' when depth <= 0:
                    return i > p && text[i - 1] == '\r' ? i - 1 : i;
            }
        }

        return text.Length;
    }

    [GeneratedRegex(@"^[ \t]*(?:node\.)?(?<level>default|normal|override)(?<keys>(?:\[(?:'[A-Za-z0-9_.-]+'|""[A-Za-z0-9_.-]+""|:[A-Za-z_][A-Za-z0-9_]*)\])+)[ \t]*=(?![=~>])")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"\[['"":]?(?<k>[A-Za-z0-9_.-]+)['""]?\]")]
    private static partial Regex Key();

    /// <summary>A line that opens a block whose body is not top level: a statement keyword, or a trailing <c>do</c>.</summary>
    [GeneratedRegex(@"^[ \t]*(?:if|unless|case|while|until|begin|def|class|module)\b|\bdo[ \t]*(?:\|[^|]*\|)?[ \t]*(?:#.*)?\r?$")]
    private static partial Regex Opens();

    [GeneratedRegex(@"^[ \t]*end\b")]
    private static partial Regex Closes();
}
