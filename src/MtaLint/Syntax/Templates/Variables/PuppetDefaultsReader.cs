using System.Text.RegularExpressions;
using MtaLint.Text;

namespace MtaLint.Syntax.Templates.Variables;

/// <summary>
/// Reads the defaults of a Puppet module's class: the parameters of <c>class NAME ( Type $x = 'literal', ... )</c>
/// (a template of the class reads them as <c>@x</c> in ERB, <c>$x</c> in EPP, or qualified <c>NAME::x</c>), and the
/// top-level assignments <c>$x = 'literal'</c> of <c>class NAME::params</c>, which a parameter may take as its
/// default (<c>$x = $NAME::params::x</c>). Only plain literals are read (strings without interpolation, integers,
/// booleans, undef, arrays of those); an assignment inside <c>if</c>/<c>case</c>, a fact, a function call is left out.
/// </summary>
public static partial class PuppetDefaultsReader
{
    /// <summary>The variables of the classes in <paramref name="files"/> (params.pp before init.pp, so a parameter can take a params default).</summary>
    public static TemplateVariables Read(IEnumerable<SourceFile> files)
    {
        var read = files.ToArray();
        var variables = new Dictionary<string, TemplateVariable>(StringComparer.Ordinal);
        foreach (var file in read.OrderBy(f => IsParams(f) ? 0 : 1))
        {
            foreach (Match m in ClassHeader().Matches(file.Text))
            {
                if (InComment(file.Text, m.Index))
                {
                    continue;
                }

                var name = m.Groups["name"].Value.TrimStart(':');
                var p = m.Index + m.Length;
                if (p < file.Text.Length && file.Text[p] == '(')
                {
                    var close = Closing(file.Text, p);
                    if (close < 0)
                    {
                        continue;
                    }

                    Parameters(file, name, p + 1, close, variables);
                    p = close + 1;
                }

                var open = file.Text.IndexOf('{', p);
                if (open >= 0 && Closing(file.Text, open) is var end and > 0)
                {
                    Body(file, name, open + 1, end, variables);
                }
            }
        }

        return new TemplateVariables(VariableSource.PuppetModule, variables.Values, files: read);
    }

    private static bool IsParams(SourceFile f) => Path.GetFileName(f.Path) == "params.pp";

    /// <summary>Each parameter with a literal default (or one that names a params variable read before) as <c>x</c> and <c>NAME::x</c>.</summary>
    private static void Parameters(SourceFile file, string cls, int start, int end, Dictionary<string, TemplateVariable> variables)
    {
        foreach (var (from, to) in TopLevel(file.Text, start, end, ','))
        {
            var segment = file.Text[from..to];
            var m = ParameterName().Matches(segment).FirstOrDefault(x => !InComment(file.Text, from + x.Index));
            if (m is null)
            {
                continue;
            }

            var after = from + m.Index + m.Length;
            var eq = CodeLiteral.SkipBlank(file.Text, after, to, newlines: true);
            if (eq >= to || file.Text[eq] != '=')
            {
                continue;
            }

            var name = m.Groups["name"].Value;
            TemplateVariable? found = null;
            if (CodeLiteral.Read(file, eq + 1, to, LiteralLanguage.Puppet, depth: 1) is { } literal && CodeLiteral.SkipBlank(file.Text, literal.End, to, newlines: true) == to)
            {
                found = new TemplateVariable(name, literal.Value, literal.Value.At!);
            }
            else if (Reference().Match(file.Text, eq + 1, to - eq - 1) is { Success: true } r && CodeLiteral.SkipBlank(file.Text, r.Index + r.Length, to, newlines: true) == to
                     && variables.GetValueOrDefault(r.Groups["name"].Value.TrimStart(':')) is { } referenced)
            {
                found = referenced with { Name = name };
            }

            if (found is not null)
            {
                variables[name] = found;
                variables[cls + "::" + name] = found with { Name = cls + "::" + name };
            }
        }
    }

    /// <summary>The class body's own assignments <c>$x = literal</c>, outside every nested block, as <c>NAME::x</c>.</summary>
    private static void Body(SourceFile file, string cls, int start, int end, Dictionary<string, TemplateVariable> variables)
    {
        foreach (var (from, to) in TopLevel(file.Text, start, end, '\n'))
        {
            var m = Assignment().Match(file.Text, from, to - from);
            if (m.Success && CodeLiteral.Read(file, m.Index + m.Length, to, LiteralLanguage.Puppet) is { } literal
                && (literal.End >= to || file.Text[literal.End] is '#' or '\r' or '\n'))
            {
                var name = cls + "::" + m.Groups["name"].Value;
                variables[name] = new TemplateVariable(name, literal.Value, literal.Value.At!);
            }
        }
    }

    /// <summary>The pieces of [start, end) between separators outside strings, comments and brackets.</summary>
    private static IEnumerable<(int From, int To)> TopLevel(string text, int start, int end, char separator)
    {
        var depth = 0;
        var from = start;
        var result = new List<(int, int)>();
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c is '\'' or '"')
            {
                var close = CodeWords.QuotedEnd(text, i);
                if (close < 0 || close > end)
                {
                    break;
                }

                i = close - 1;
            }
            else if (c == '#')
            {
                while (i + 1 < end && text[i + 1] != '\n')
                {
                    i++;
                }
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
            }
            else if (c == separator && depth == 0)
            {
                result.Add((from, i));
                from = i + 1;
            }
        }

        result.Add((from, end));
        return result;
    }

    /// <summary>The bracket that closes the one at <paramref name="open"/>, -1 when none does.</summary>
    private static int Closing(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\'' or '"')
            {
                var close = CodeWords.QuotedEnd(text, i);
                if (close < 0)
                {
                    return -1;
                }

                i = close - 1;
            }
            else if (c == '#')
            {
                var eol = text.IndexOf('\n', i);
                i = eol < 0 ? text.Length : eol;
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool InComment(string text, int at)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        return text.AsSpan(lineStart, at - lineStart).Contains('#');
    }

    [GeneratedRegex(@"(?m)^[ \t]*class[ \t]+(?<name>(?:::)?[a-z][a-z0-9_]*(?:::[a-z][a-z0-9_]*)*)\s*")]
    private static partial Regex ClassHeader();

    [GeneratedRegex(@"\$(?<name>[a-z_][a-zA-Z0-9_]*)")]
    private static partial Regex ParameterName();

    [GeneratedRegex(@"\G\s*\$(?<name>(?:::)?[a-z][a-z0-9_]*(?:::[a-z_][a-zA-Z0-9_]*)+)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\G[ \t\r\n]*\$(?<name>[a-z_][a-zA-Z0-9_]*)[ \t]*=(?![=~>])")]
    private static partial Regex Assignment();
}
