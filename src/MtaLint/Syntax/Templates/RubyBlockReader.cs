using System.Collections.Frozen;
using MtaLint.Text;

namespace MtaLint.Syntax.Templates;

/// <summary>
/// Finds the block structure in the Ruby code of an ERB tag: <c>if/elsif/else/end</c>, <c>unless</c>,
/// <c>case/when</c>, <c>while</c>, <c>for x in xs</c>, <c>begin/rescue/ensure</c>, and blocks (<c>xs.each do |k, v|</c>,
/// <c>xs.each { |x|</c>) up to their <c>end</c> or <c>}</c>. An <c>if</c> after an expression is a modifier and opens
/// nothing (<c>&lt;%= x if y %&gt;</c>).
/// </summary>
internal static class RubyBlockReader
{
    private static readonly FrozenSet<string> LoopMethods = new[]
    {
        "times", "upto", "downto", "step", "map", "collect", "flat_map", "select", "filter", "reject", "filter_map", "loop",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Words after which an if/unless/while/until starts an expression (and so a block) rather than modifying one.
    private static readonly FrozenSet<string> ExpressionStarts = new[]
    {
        "=", "(", ",", "|", "&", "?", ":", "<", "[", "{", "return", "and", "or", "not", "then", "else", "do",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static List<BlockAction> Read(string text, TemplateToken token)
    {
        var words = CodeWords.Read(text, token.Code.Start, token.Code.End, hashComments: true);
        var actions = new List<BlockAction>();
        var statementStart = 0;
        var loopKeyword = false; // while/until/for in this statement: its "do" is part of it, not a block
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (i > 0 && StartsStatement(text, words, i))
            {
                statementStart = i;
                loopKeyword = false;
            }

            var afterDot = i > 0 && words[i - 1].Text == "." && words[i - 1].End == w.Start;
            if (afterDot)
            {
                continue;
            }

            var opensHere = i == statementStart || ExpressionStarts.Contains(words[i - 1].Text);
            switch (w.Text)
            {
                case "if" or "unless" when opensHere:
                    actions.Add(new BlockAction(BlockActionKind.Open, w.Text, 'e')
                    {
                        BlockKind = TemplateBlockKind.Conditional,
                        Condition = Condition(text, words, i),
                        Negated = w.Text == "unless",
                    });
                    break;
                case "while" or "until" when opensHere:
                    loopKeyword = true;
                    actions.Add(new BlockAction(BlockActionKind.Open, w.Text, 'e') { BlockKind = TemplateBlockKind.Loop, Condition = Condition(text, words, i), Negated = w.Text == "until" });
                    break;
                case "for" when opensHere:
                    loopKeyword = true;
                    actions.Add(new BlockAction(BlockActionKind.Open, "for", 'e') { BlockKind = TemplateBlockKind.Loop, Loop = ForLoop(text, words, i) });
                    break;
                case "case":
                    actions.Add(new BlockAction(BlockActionKind.Open, "case", 'e') { BlockKind = TemplateBlockKind.Conditional, Condition = Condition(text, words, i) });
                    break;
                case "begin" or "def" or "class" or "module" when opensHere || w.Text == "begin":
                    actions.Add(new BlockAction(BlockActionKind.Open, w.Text, 'e'));
                    break;
                case "elsif" or "when":
                    actions.Add(new BlockAction(BlockActionKind.Continue, w.Text, 'e') { BlockKind = TemplateBlockKind.Conditional, Condition = Condition(text, words, i) });
                    break;
                case "else":
                    actions.Add(new BlockAction(BlockActionKind.Continue, "else", 'e'));
                    break;
                case "rescue" or "ensure" when i == statementStart:
                    actions.Add(new BlockAction(BlockActionKind.Continue, w.Text, 'e'));
                    break;
                case "end":
                    actions.Add(new BlockAction(BlockActionKind.Close, "end", 'e'));
                    break;
                case "do" when !loopKeyword:
                    actions.Add(CallBlock(text, words, statementStart, i, 'e'));
                    break;
                case "{":
                    actions.Add(CallBlock(text, words, statementStart, i, '}'));
                    break;
                case "}":
                    actions.Add(new BlockAction(BlockActionKind.Close, "}", '}'));
                    break;
            }
        }

        return actions;
    }

    /// <summary>A new statement starts after <c>;</c>, a line break, <c>then</c>, or a block's parameters.</summary>
    private static bool StartsStatement(string text, List<CodeWord> words, int i)
    {
        var previous = words[i - 1];
        if (previous.Text is ";" or "then" or "do" or "else" || (previous.Text == "|" && IsClosingPipe(words, i - 1)))
        {
            return true;
        }

        return text.AsSpan(previous.End, words[i].Start - previous.End).Contains('\n');
    }

    private static bool IsClosingPipe(List<CodeWord> words, int pipe)
    {
        var opening = words.FindLastIndex(pipe - 1, w => w.Text == "|");
        return opening > 0 && words[opening - 1].Text is "do" or "{";
    }

    /// <summary>The code after the keyword at <paramref name="i"/> up to the end of its statement (or <c>then</c>, <c>do</c>).</summary>
    private static TextSpan Condition(string text, List<CodeWord> words, int i)
    {
        if (i + 1 >= words.Count || StartsStatement(text, words, i + 1))
        {
            return new TextSpan(words[i].End, 0);
        }

        var last = i + 1;
        while (last + 1 < words.Count && !StartsStatement(text, words, last + 1) && words[last + 1].Text is not ("then" or "do" or ";"))
        {
            last++;
        }

        return TextSpan.FromBounds(words[i + 1].Start, words[last].End);
    }

    /// <summary><c>for a, b in xs</c>: the names and the iterable (up to <c>do</c> or the end of the statement).</summary>
    private static TemplateLoop? ForLoop(string text, List<CodeWord> words, int i)
    {
        var @in = words.FindIndex(i + 1, w => w.Text == "in");
        if (@in < 0 || @in + 1 >= words.Count)
        {
            return null;
        }

        var span = Condition(text, words, @in);
        var variables = words.Skip(i + 1).Take(@in - i - 1).Where(w => char.IsLetter(w.Text[0]) || w.Text[0] == '_').Select(w => w.Text).ToList();
        return new TemplateLoop(variables, text.Substring(span.Start, span.Length), span);
    }

    /// <summary>
    /// A block given to a method call, <c>RECEIVER.METHOD(ARGS) do |PARAMS|</c> or with braces: a loop when the method
    /// iterates (<c>each*</c>, <c>times</c>, <c>map</c>, ...), with the receiver as iterable.
    /// </summary>
    private static BlockAction CallBlock(string text, List<CodeWord> words, int statementStart, int opener, char closer)
    {
        var parameters = new List<string>();
        if (opener + 1 < words.Count && words[opener + 1].Text == "|")
        {
            for (var j = opener + 2; j < words.Count && words[j].Text != "|"; j++)
            {
                if (char.IsLetter(words[j].Text[0]) || words[j].Text[0] == '_')
                {
                    parameters.Add(words[j].Text);
                }
            }
        }

        // The method is the last name before the opener that follows a dot, skipping its (arguments).
        var m = opener - 1;
        if (m > statementStart && words[m].Text == ")")
        {
            var depth = words[m].Depth;
            m = words.FindLastIndex(m - 1, w => w.Text == "(" && w.Depth == depth);
            m--;
        }

        var method = m > statementStart && words[m - 1].Text == "." ? words[m].Text : null;
        var isLoop = method is not null && (method.StartsWith("each", StringComparison.Ordinal) || LoopMethods.Contains(method));
        if (!isLoop || closer == '}' && opener + 1 < words.Count && words[opener + 1].Text != "|")
        {
            return new BlockAction(BlockActionKind.Open, method ?? (closer == '}' ? "{" : "do"), closer);
        }

        // Leading words that assign the result (x = xs.map do) are not part of the receiver.
        var receiverStart = statementStart;
        var assign = words.FindLastIndex(m - 1, m - statementStart, w => w is { Text: "=" } && w.Depth == words[m].Depth);
        if (assign >= 0)
        {
            receiverStart = assign + 1;
        }

        var receiver = TextSpan.FromBounds(words[receiverStart].Start, words[m - 1].Start);
        return new BlockAction(BlockActionKind.Open, method!, closer)
        {
            BlockKind = TemplateBlockKind.Loop,
            Loop = new TemplateLoop(parameters, text.Substring(receiver.Start, receiver.Length), receiver)
            {
                SourceSpan = TextSpan.FromBounds(words[receiverStart].Start, words[opener - 1].End),
            },
        };
    }
}
