using MtaLint.Text;

namespace MtaLint.Syntax.Templates;

/// <summary>
/// Finds the block structure in the Puppet code of an EPP tag, where every block is braces:
/// <c>if COND {</c>, <c>} elsif COND {</c>, <c>} else {</c>, <c>unless COND {</c>, <c>XS.each |$k, $v| {</c>
/// (or <c>each(XS) |$x| {</c>), <c>case X {</c>, and <c>}</c>. Any other <c>{</c> left open by a tag opens a plain block.
/// </summary>
internal static class PuppetBlockReader
{
    public static List<BlockAction> Read(string text, TemplateToken token)
    {
        var words = CodeWords.Read(text, token.Code.Start, token.Code.End, hashComments: true);
        var actions = new List<BlockAction>();
        var header = 0; // first word of the code before the next "{"
        for (var i = 0; i < words.Count; i++)
        {
            switch (words[i].Text)
            {
                case "}":
                    // "} elsif $x {" and "} else {" continue the block instead of closing it.
                    if (i + 1 < words.Count && words[i + 1].Text is "elsif" or "else")
                    {
                        header = i + 1;
                        continue;
                    }

                    actions.Add(new BlockAction(BlockActionKind.Close, "}", '}'));
                    header = i + 1;
                    break;
                case "{":
                    actions.Add(Opening(text, words, header, i));
                    header = i + 1;
                    break;
                case ";":
                    header = i + 1;
                    break;
            }
        }

        return actions;
    }

    private static BlockAction Opening(string text, List<CodeWord> words, int header, int brace)
    {
        var keyword = header < brace ? words[header].Text : "{";
        var condition = header + 1 < brace ? TextSpan.FromBounds(words[header + 1].Start, words[brace - 1].End) : new TextSpan(words[brace].Start, 0);
        switch (keyword)
        {
            case "if" or "unless":
                return new BlockAction(BlockActionKind.Open, keyword, '}') { BlockKind = TemplateBlockKind.Conditional, Condition = condition, Negated = keyword == "unless" };
            case "elsif":
                return new BlockAction(BlockActionKind.Continue, keyword, '}') { BlockKind = TemplateBlockKind.Conditional, Condition = condition };
            case "else":
                return new BlockAction(BlockActionKind.Continue, keyword, '}');
            case "case":
                return new BlockAction(BlockActionKind.Open, keyword, '}') { BlockKind = TemplateBlockKind.Conditional, Condition = condition };
        }

        // A lambda: RECEIVER.METHOD |PARAMS| { or METHOD(ARGS) |PARAMS| {
        if (brace - 1 > header && words[brace - 1].Text == "|")
        {
            var open = words.FindLastIndex(brace - 2, brace - 1 - header, w => w.Text == "|");
            if (open > header)
            {
                var parameters = words.Skip(open + 1).Take(brace - 1 - open - 1).Where(w => w.Text.StartsWith('$')).Select(w => w.Text[1..]).ToList();
                return Lambda(text, words, header, open, parameters);
            }
        }

        return new BlockAction(BlockActionKind.Open, keyword, '}') { Condition = condition };
    }

    private static BlockAction Lambda(string text, List<CodeWord> words, int header, int pipe, List<string> parameters)
    {
        // XS.each |..| {  or  each(XS) |..| {
        string method;
        TextSpan iterable;
        var last = pipe - 1;
        if (words[last].Text == ")")
        {
            var paren = words.FindLastIndex(last - 1, last - header, w => w.Text == "(" && w.Depth == words[last].Depth);
            method = paren > header ? words[paren - 1].Text : "";
            iterable = paren >= header && paren + 1 < last ? TextSpan.FromBounds(words[paren + 1].Start, words[last - 1].End) : new TextSpan(words[last].Start, 0);
            if (paren - 2 >= header && words[paren - 2].Text == ".")
            {
                iterable = TextSpan.FromBounds(words[header].Start, words[paren - 2].Start);
            }
        }
        else
        {
            method = words[last].Text;
            iterable = last - 1 > header && words[last - 1].Text == "." ? TextSpan.FromBounds(words[header].Start, words[last - 1].Start) : new TextSpan(words[last].Start, 0);
        }

        var isLoop = method is "each" or "map" or "filter" or "reverse_each" or "step";
        return new BlockAction(BlockActionKind.Open, method.Length > 0 ? method : "lambda", '}')
        {
            BlockKind = isLoop ? TemplateBlockKind.Loop : TemplateBlockKind.Other,
            Loop = isLoop ? new TemplateLoop(parameters, text.Substring(iterable.Start, iterable.Length), iterable)
            {
                SourceSpan = TextSpan.FromBounds(words[header].Start, words[pipe - 1].End),
            }
            : null,
        };
    }
}
