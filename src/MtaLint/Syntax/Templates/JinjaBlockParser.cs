using System.Collections.Frozen;
using MtaLint.Text;

namespace MtaLint.Syntax.Templates;

/// <summary>
/// Builds the block tree of a Jinja2 template from its statement tags, as Jinja's parser pairs them:
/// <c>if/elif/else/endif</c>, <c>for/else/endfor</c>, <c>macro</c>, <c>call</c>, <c>filter</c>, <c>set x</c> (without
/// <c>=</c>), <c>block</c>, <c>with</c>, <c>autoescape</c>, <c>trans/pluralize</c>, <c>raw</c>. Other statements
/// (<c>set x = 1</c>, <c>include</c>, <c>import</c>, ...) have no body.
/// </summary>
internal static class JinjaBlockParser
{
    private static readonly FrozenDictionary<string, TemplateBlockKind> Paired = new Dictionary<string, TemplateBlockKind>
    {
        ["if"] = TemplateBlockKind.Conditional,
        ["for"] = TemplateBlockKind.Loop,
        ["macro"] = TemplateBlockKind.Macro,
        ["call"] = TemplateBlockKind.Macro,
        ["filter"] = TemplateBlockKind.Capture,
        ["set"] = TemplateBlockKind.Capture,
        ["raw"] = TemplateBlockKind.Raw,
        ["block"] = TemplateBlockKind.Other,
        ["with"] = TemplateBlockKind.Other,
        ["autoescape"] = TemplateBlockKind.Other,
        ["trans"] = TemplateBlockKind.Other,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static void Parse(string text, IReadOnlyList<TemplateToken> tokens, BlockTreeBuilder tree)
    {
        foreach (var token in tokens)
        {
            if (token.Kind != TemplateTokenKind.Statement || tree.Errors.Count > 0)
            {
                continue;
            }

            var keyword = token.Keyword;
            var rest = AfterKeyword(text, token);
            if (Paired.TryGetValue(keyword, out var kind))
            {
                if (keyword == "set" && HasTopLevelAssignment(text, rest))
                {
                    continue;
                }

                tree.Open(kind, Branch(text, keyword, token, rest));
            }
            else if (keyword.StartsWith("end", StringComparison.Ordinal) && Paired.ContainsKey(keyword[3..]))
            {
                if (tree.Innermost is { } open && open.Keyword == keyword[3..])
                {
                    tree.Close(token);
                }
                else
                {
                    tree.Error(token, Unexpected(tree, keyword));
                }
            }
            else if (keyword is "elif" or "else" or "pluralize")
            {
                var open = tree.Innermost;
                var allowed = keyword switch
                {
                    "elif" => open?.Keyword == "if" && open.Last.Keyword != "else",
                    "else" => open?.Keyword is "if" or "for" && open.Last.Keyword != "else",
                    _ => open?.Keyword == "trans" && open.Branches.Count == 1,
                };
                if (allowed)
                {
                    tree.Continue(Branch(text, keyword, token, rest));
                }
                else
                {
                    tree.Error(token, Unexpected(tree, keyword));
                }
            }
        }

        tree.Finish(block => $"'{{% {block.Keyword} %}}' is never closed: '{{% end{block.Keyword} %}}' is missing");
    }

    private static string Unexpected(BlockTreeBuilder tree, string keyword) => tree.Innermost is { } open
        ? $"unexpected '{{% {keyword} %}}': the innermost open block is '{{% {open.Keyword} %}}' at {tree.Where(open.Opener)}, closed by '{{% end{open.Keyword} %}}'"
        : $"unexpected '{{% {keyword} %}}': no block is open";

    /// <summary>The statement's code after its keyword, without surrounding whitespace.</summary>
    private static TextSpan AfterKeyword(string text, TemplateToken token)
    {
        var start = Blanks.SkipWhitespace(text, token.Code.Start) + token.Keyword.Length;
        start = Math.Min(Blanks.SkipWhitespace(text, start), token.Code.End);
        var end = token.Code.End;
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return TextSpan.FromBounds(start, end);
    }

    private static bool HasTopLevelAssignment(string text, TextSpan code) =>
        CodeWords.Read(text, code.Start, code.End, hashComments: false).Any(w => w is { Text: "=", Depth: 0 });

    private static TemplateBranch Branch(string text, string keyword, TemplateToken token, TextSpan rest) => keyword switch
    {
        "if" or "elif" => new TemplateBranch(keyword, token, rest, text.Substring(rest.Start, rest.Length), negated: false, loop: null),
        "for" => new TemplateBranch(keyword, token, default, null, negated: false, Loop(text, rest)),
        _ => new TemplateBranch(keyword, token, default, null, negated: false, loop: null),
    };

    /// <summary><c>TARGET in ITERABLE [if FILTER] [recursive]</c>: the names bound, the iterable and the filter.</summary>
    private static TemplateLoop? Loop(string text, TextSpan code)
    {
        var words = CodeWords.Read(text, code.Start, code.End, hashComments: false);
        var @in = words.FindIndex(w => w is { Text: "in", Depth: 0 });
        if (@in < 0)
        {
            return null;
        }

        var variables = words.Take(@in).Where(w => char.IsLetter(w.Text[0]) || w.Text[0] == '_').Select(w => w.Text).ToList();
        var iterableEnd = code.End;
        var last = words.Count - 1;
        if (last > @in && words[last] is { Text: "recursive", Depth: 0 })
        {
            iterableEnd = words[last].Start;
        }

        string? filter = null;
        var @if = words.FindIndex(@in + 1, w => w is { Text: "if", Depth: 0 });
        var sourceEnd = iterableEnd;
        if (@if > 0)
        {
            filter = text[words[@if].End..iterableEnd].Trim();
            iterableEnd = words[@if].Start;
        }

        var start = @in + 1 < words.Count ? words[@in + 1].Start : code.End;
        var iterable = Trimmed(text, start, iterableEnd);
        return new TemplateLoop(variables, text.Substring(iterable.Start, iterable.Length), iterable)
        {
            Filter = filter,
            SourceSpan = Trimmed(text, start, sourceEnd),
        };
    }

    private static TextSpan Trimmed(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return TextSpan.FromBounds(start, end);
    }
}
