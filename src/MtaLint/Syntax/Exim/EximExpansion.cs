using System.Text.RegularExpressions;
using Sprache;

namespace MtaLint.Syntax.Exim;

/// <summary>A piece of an Exim string to be expanded.</summary>
/// <param name="Start">Offset in the expanded string's text.</param>
internal abstract record ExpansionNode(int Start, int Length, string Text);

/// <summary>Text copied as is.</summary>
internal sealed record ExpansionLiteral(int Start, int Length, string Text) : ExpansionNode(Start, Length, Text);

/// <summary><c>\n</c>, <c>\t</c>, <c>\\</c>, <c>\$</c>...: <see cref="Value"/> is what it stands for.</summary>
internal sealed record ExpansionEscape(int Start, int Length, string Text, string Value) : ExpansionNode(Start, Length, Text);

/// <summary><c>$name</c> or <c>${name}</c>.</summary>
internal sealed record ExpansionVariable(int Start, int Length, string Text, string Name) : ExpansionNode(Start, Length, Text);

/// <summary>
/// <c>${operator...{...}}</c>: an expansion item whose value depends on run time. <see cref="Variables"/>
/// are the variables it mentions at any depth (<c>${if def:x{$version_number}}</c> can show the version).
/// </summary>
internal sealed record ExpansionItem(int Start, int Length, string Text, string Operator, IReadOnlyList<string> Variables) : ExpansionNode(Start, Length, Text);

/// <summary>
/// Splits an Exim string into literal text, escapes, variables and <c>${...}</c> items
/// (Sprache; items are matched with balanced braces, nesting bounded by <see cref="MaxDepth"/>).
/// </summary>
internal static partial class EximExpansion
{
    public const int MaxDepth = 64;

    private static readonly Parser<string> Name =
        Parse.Char(c => char.IsAsciiLetterOrDigit(c) || c == '_', "name char").AtLeastOnce().Text();

    private static readonly Parser<string> EscapeText =
        from b in Parse.Char('\\')
        from c in Parse.AnyChar
        select "\\" + c;

    private static readonly Parser<string> BraceGroup = Recursive.Ref(() =>
        from open in Parse.Char('{')
        from body in BraceBody
        from close in Parse.Char('}')
        select "{" + body + "}");

    private static readonly Parser<string> BraceBody = Recursive.Ref(() =>
        EscapeText
            .Or(BraceGroup)
            .Or(Parse.CharExcept("{}\\").AtLeastOnce().Text())
            .Many()
            .Select(string.Concat));

    private static readonly Parser<ExpansionNode> Item =
        from dollar in Parse.Char('$')
        from braces in BraceGroup.Span()
        select MakeItem(braces.Start.Pos - 1, braces.Length + 1, "$" + braces.Value);

    private static readonly Parser<ExpansionNode> SimpleVariable =
        from dollar in Parse.Char('$')
        from name in Name.Span()
        select (ExpansionNode)new ExpansionVariable(name.Start.Pos - 1, name.Length + 1, "$" + name.Value, name.Value);

    private static readonly Parser<ExpansionNode> Escape =
        from b in Parse.Char('\\').Span()
        from c in Parse.AnyChar.Optional()
        select (ExpansionNode)new ExpansionEscape(b.Start.Pos, c.IsDefined ? 2 : 1, c.IsDefined ? "\\" + c.Get() : "\\", c.IsDefined ? Unescape(c.Get()) : "\\");

    private static readonly Parser<ExpansionNode> LoneDollar =
        from d in Parse.Char('$').Span()
        select (ExpansionNode)new ExpansionLiteral(d.Start.Pos, 1, "$");

    private static readonly Parser<ExpansionNode> Literal =
        from text in Parse.CharExcept("$\\").AtLeastOnce().Text().Span()
        select (ExpansionNode)new ExpansionLiteral(text.Start.Pos, text.Length, text.Value);

    private static readonly Parser<IEnumerable<ExpansionNode>> Nodes =
        Item.Or(SimpleVariable).Or(Escape).Or(LoneDollar).Or(Literal).Many().End();

    /// <summary>The pieces of <paramref name="text"/>, which concatenated give it back; a string with unbalanced or too deeply nested braces is one item.</summary>
    public static IReadOnlyList<ExpansionNode> Split(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        if (BraceDepth(text) > MaxDepth)
        {
            return Opaque(text);
        }

        var result = Nodes(new SliceInput(text));
        if (!result.WasSuccessful)
        {
            // An unclosed `${`: Exim fails the expansion at run time; keep the text as one opaque item.
            return Opaque(text);
        }

        return Merge(result.Value.ToList());
    }

    /// <summary>
    /// Text that cannot be split from its first <c>${</c> on: what comes before it is still split,
    /// so that a host name written in front of a broken item is seen as one (a fix that adds it
    /// must then see its own work, or it would add it again on every pass).
    /// </summary>
    private static IReadOnlyList<ExpansionNode> Opaque(string text)
    {
        var first = text.IndexOf("${", StringComparison.Ordinal);
        if (first <= 0)
        {
            return [MakeItem(0, text.Length, text)];
        }

        var prefix = Split(text[..first]);
        return [.. prefix, MakeItem(first, text.Length - first, text[first..])];
    }

    private static List<ExpansionNode> Merge(List<ExpansionNode> nodes)
    {
        var merged = new List<ExpansionNode>();
        foreach (var node in nodes)
        {
            if (node is ExpansionLiteral lit && merged.Count > 0 && merged[^1] is ExpansionLiteral prev && prev.Start + prev.Length == lit.Start)
            {
                merged[^1] = new ExpansionLiteral(prev.Start, prev.Length + lit.Length, prev.Text + lit.Text);
            }
            else
            {
                merged.Add(node);
            }
        }

        return merged;
    }

    private static ExpansionNode MakeItem(int start, int length, string text)
    {
        if (text.Length > 3 && text.StartsWith("${", StringComparison.Ordinal) && text[^1] == '}')
        {
            var inner = text[2..^1];
            if (inner.Length > 0 && inner.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return new ExpansionVariable(start, length, text, inner);
            }
        }

        var op = OperatorRegex().Match(text) is { Success: true } m ? m.Groups[1].Value : string.Empty;
        var variables = VariableRegex().Matches(text).Select(v => v.Groups[1].Value).Distinct().ToArray();
        return new ExpansionItem(start, length, text, op, variables);
    }

    private static string Unescape(char c) => c switch
    {
        'n' => "\n",
        't' => "\t",
        'r' => "\r",
        _ => c.ToString(),
    };

    private static int BraceDepth(string text)
    {
        int depth = 0, max = 0;
        foreach (var c in text)
        {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            max = Math.Max(max, depth);
        }

        return max;
    }

    [GeneratedRegex(@"^\$\{\s*([A-Za-z0-9_]+)")]
    private static partial Regex OperatorRegex();

    [GeneratedRegex(@"\$\{?([A-Za-z][A-Za-z0-9_]*)")]
    private static partial Regex VariableRegex();
}
