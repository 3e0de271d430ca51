using System.Buffers;
using MtaLint.Text;
using Sprache;

namespace MtaLint.Syntax.Postfix;

/// <summary>
/// Parses Postfix <c>$</c> expressions the way mac_parse and mac_expand read them.
/// A value's flat sequence of text, <c>$$</c>, <c>$name</c> and balanced <c>${...}</c> and
/// <c>$(...)</c> is read a token at a time by hand (<see cref="NextToken"/>); Sprache's combinators do
/// the <c>{...}</c> operands and operators; the meaning of a <c>${...}</c> body is decided like
/// mac_expand does, and its operands are parsed again the same way.
/// Linear in the value's length; the parsers are immutable and built once.
/// </summary>
internal static class PostfixExpressionParser
{
    private const int MaxNesting = 100;

    private static readonly Parser<string> BraceBody = Balanced('{', '}');

    /// <summary>
    /// The next token of a value at <paramref name="at"/>, <c>("$$" | "$" macro | text)</c>: a run
    /// of text up to the next <c>$</c>, or what <see cref="DollarAt"/> reads at a <c>$</c>; false at a
    /// <c>$</c> that starts nothing valid (the caller reports it). A value's sequence is flat, so it
    /// is read a token at a time, without a combinator's results, closures and lists per token.
    /// </summary>
    private static bool NextToken(ReadOnlySpan<char> text, int at, out Token token)
    {
        if (text[at] != '$')
        {
            var stop = text[at..].IndexOf('$');
            token = new Token(TokenKind.Text, at, stop < 0 ? text.Length : at + stop, 0, 0, default);
            return true;
        }

        return DollarAt(text, at, out token);
    }

    private enum TokenKind
    {
        Text,
        Dollar, // $$
        Macro,
    }

    /// <summary>A token of a value: where it is, and for a macro where its body is and how it is written.</summary>
    private readonly record struct Token(TokenKind Kind, int Start, int End, int BodyStart, int BodyEnd, PostfixReferenceForm Form);

    /// <summary>
    /// What the <c>$</c> at <paramref name="at"/> starts: <c>$$</c> (a literal), or a raw macro,
    /// <c>$name</c>, <c>${...}</c> or <c>$(...)</c> with balanced brackets of its own kind, as
    /// <c>"$$" | "$" ("{" Balanced("{}") "}" | "(" Balanced("()") ")" | name)</c> reads it; false when none.
    /// </summary>
    private static bool DollarAt(ReadOnlySpan<char> text, int at, out Token token)
    {
        token = default;
        if (at + 1 >= text.Length)
        {
            return false;
        }

        var next = text[at + 1];
        if (next == '$')
        {
            token = new Token(TokenKind.Dollar, at, at + 2, 0, 0, default);
            return true;
        }

        var (bodyStart, bodyEnd, end, form) = next switch
        {
            '{' => Bracketed(text, at + 2, '{', '}', PostfixReferenceForm.Braces),
            '(' => Bracketed(text, at + 2, '(', ')', PostfixReferenceForm.Parentheses),
            _ => NameAt(text, at + 1),
        };
        if (end < 0)
        {
            return false;
        }

        token = new Token(TokenKind.Macro, at, end, bodyStart, bodyEnd, form);
        return true;
    }

    /// <summary>How much of a value its tokens cover (all of it, or up to a <c>$</c> that starts nothing valid), and how many they are.</summary>
    private static int Consumed(ReadOnlySpan<char> text, out int tokens)
    {
        var at = 0;
        tokens = 0;
        while (at < text.Length && NextToken(text, at, out var token))
        {
            at = token.End;
            tokens++;
        }

        return at;
    }

    /// <summary>Blanks mac_expand skips around <c>{...}</c> operands.</summary>
    private static readonly Parser<IEnumerable<char>> Blanks = Parse.Chars(" \t\r\n").Many();

    /// <summary>A <c>{...}</c> operand with surrounding blanks: its body and where it starts.</summary>
    private static readonly Parser<Sprache.ITextSpan<string>> Operand =
        from lead in Blanks
        from open in Parse.Char('{')
        from body in BraceBody.Span()
        from close in Parse.Char('}')
        from trail in Blanks
        select body;

    private static readonly Parser<string> Operator = Parse.Chars("<>!=?+-*/~&|%").Many().Text()
        .Then(op => Parse.Letter.Many().Text().Select(word => op + word));

    /// <summary>Parses a whole value; throws <see cref="PostfixExpressionException"/> where Postfix would refuse it.</summary>
    /// <remarks>Its literals are slices of <paramref name="value"/>, not copies: a value of megabytes is held once.</remarks>
    public static PostfixExpression ParseValue(TextSlice value) => ParseAt(value, 0, 0);

    /// <summary>Parses, returning null and the error instead of throwing.</summary>
    public static PostfixExpression? TryParseValue(TextSlice value, out PostfixExpressionException? error)
    {
        try
        {
            error = null;
            return ParseValue(value);
        }
        catch (PostfixExpressionException e)
        {
            error = e;
            return null;
        }
    }

    /// <summary>The blanks mac_expand trims around names and operands (one array, not one per call).</summary>
    private static readonly char[] Blank = [' ', '\t', '\r', '\n'];

    private static readonly SearchValues<char> NameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    public static bool IsNameChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

    private static PostfixExpression ParseAt(TextSlice value, int offset, int depth)
    {
        if (depth > MaxNesting)
        {
            throw new PostfixExpressionException("unreasonable macro call nesting", offset);
        }

        if (value.Length == 0)
        {
            return PostfixExpression.Empty;
        }

        var text = value.Span;
        CheckNesting(text, offset);
        if (!text.Contains('$'))
        {
            // Most values are plain text: the grammar would yield this one literal, without Sprache's per-char cost.
            return new PostfixExpression([new PostfixLiteral(value, value, offset, offset + text.Length)]);
        }

        // The whole value is tokenised before any macro is interpreted: an unusable '$' anywhere is the error Postfix reports first.
        var consumed = Consumed(text, out var count);
        if (consumed < text.Length)
        {
            // Many() stopped at a '$' that starts no valid macro.
            var at = consumed;
            var next = at + 1 < text.Length ? text[at + 1] : '\0';
            throw next is '{' or '('
                ? new PostfixExpressionException($"truncated macro reference: no closing '{(next == '{' ? '}' : ')')}' for \"{Excerpt(text, at)}\"", offset + at)
                : new PostfixExpressionException($"empty macro name: '$' must be followed by a name, '{{', '(' or '$' (write '$$' for a literal '$') at \"{Excerpt(text, at)}\"", offset + at);
        }

        var nodes = new PostfixNode[count];
        var n = 0;
        for (var at = 0; at < value.Length && NextToken(value.Span, at, out var token); at = token.End)
        {
            nodes[n++] = token.Kind switch
            {
                TokenKind.Text => Literal(value, token, offset),
                TokenKind.Dollar => new PostfixLiteral("$$", "$", token.Start + offset, token.End + offset),
                _ => Interpret(value.Span[token.BodyStart..token.BodyEnd].ToString(), token.BodyStart, token.Form, token.Start, token.End, offset, depth),
            };
        }

        return new PostfixExpression(MergeLiterals(value, offset, nodes));
    }

    private static PostfixLiteral Literal(TextSlice text, Token token, int offset)
    {
        var literal = text[token.Start..token.End];
        return new(literal, literal, token.Start + offset, token.End + offset);
    }

    /// <summary>The literals (<see cref="PostfixLiteral"/>) and raw macros (<see cref="RawMacro"/>) of a value, and how much of it they cover.</summary>
    internal static (IReadOnlyList<object> Items, int Consumed) Tokenize(string text)
    {
        var items = new List<object>();
        var at = 0;
        for (; at < text.Length && NextToken(text, at, out var token); at = token.End)
        {
            items.Add(token.Kind switch
            {
                TokenKind.Text => Literal(text, token, 0),
                TokenKind.Dollar => new PostfixLiteral("$$", "$", token.Start, token.End),
                _ => new RawMacro(text[token.BodyStart..token.BodyEnd], token.BodyStart, token.Form, token.Start, token.End),
            });
        }

        return (items, at);
    }

    /// <summary>What a <c>${...}</c> body means: a name, a conditional, or a logical expression (mac_expand_callback).</summary>
    private static PostfixNode Interpret(string body, int bodyStart, PostfixReferenceForm form, int macroStart, int macroEnd, int offset, int depth)
    {
        var start = macroStart + offset;
        var end = macroEnd + offset;
        var bodyOffset = bodyStart + offset;
        if (form == PostfixReferenceForm.Plain)
        {
            return new PostfixReference(body, form, bodyOffset, start, end);
        }

        var lead = body.Length - body.AsSpan().TrimStart(Blank).Length;
        if (lead < body.Length && body[lead] == '{')
        {
            return InterpretLogical(body, bodyOffset, depth, start, end);
        }

        var op = body.AsSpan().IndexOfAny('?', ':');
        var rawName = op < 0 ? body : body[..op];
        var name = rawName.Trim(Blank);
        var nameStart = bodyOffset + (rawName.Length - rawName.AsSpan().TrimStart(Blank).Length);
        if (name.Length == 0)
        {
            throw new PostfixExpressionException("empty macro name inside \"" + Excerpt(body, 0) + "\"", bodyOffset);
        }

        // The first char that is not a name char; a NUL is taken for none, as the search this replaces did.
        var bad = name.AsSpan().IndexOfAnyExcept(NameChars);
        if (bad >= 0 && name[bad] != '\0')
        {
            throw new PostfixExpressionException($"attribute name syntax error at \"{name[..bad]}>>>{name[bad..]}\"", nameStart + bad);
        }

        if (op < 0)
        {
            return new PostfixReference(name, form, nameStart, start, end);
        }

        var (whenSet, whenUnset) = ParseBranches(body, op, bodyOffset, depth);
        return new PostfixConditional(name, nameStart, whenSet, whenUnset, start, end);
    }

    /// <summary>
    /// The operand after <c>?</c> or <c>:</c>: a <c>{...}</c> operand (then <c>?{a}:{b}</c> may follow), or the
    /// rest of the body as plain text (which may contain <c>:</c>, <c>{</c> and <c>}</c>: Postfix 2.x compatibility).
    /// </summary>
    private static (PostfixExpression? WhenSet, PostfixExpression? WhenUnset) ParseBranches(string body, int op, int bodyOffset, int depth)
    {
        PostfixExpression? whenSet = null;
        PostfixExpression? whenUnset = null;
        var i = op + 1;
        if (body[op] == '?')
        {
            if (TryOperand(body, i) is { } operand)
            {
                whenSet = ParseAt(operand.Value, bodyOffset + operand.Start.Pos + i, depth + 1);
                i = EndOfOperand(body, i);
                if (i >= body.Length)
                {
                    return (whenSet, null);
                }

                if (body[i] != ':')
                {
                    throw new PostfixExpressionException($"\":\" expected at \"{Excerpt(body, i)}\"", bodyOffset + i);
                }

                i++;
            }
            else
            {
                return (ParseAt(body[i..], bodyOffset + i, depth + 1), null);
            }
        }

        if (TryOperand(body, i) is { } unset)
        {
            whenUnset = ParseAt(unset.Value, bodyOffset + unset.Start.Pos + i, depth + 1);
            var after = EndOfOperand(body, i);
            if (after < body.Length)
            {
                throw new PostfixExpressionException($"unexpected input at \"{Excerpt(body, after)}\"", bodyOffset + after);
            }
        }
        else
        {
            whenUnset = ParseAt(body[i..], bodyOffset + i, depth + 1);
        }

        return (whenSet, whenUnset);
    }

    private static PostfixNode InterpretLogical(string body, int bodyOffset, int depth, int start, int end)
    {
        var left = TryOperand(body, 0) ?? throw new PostfixExpressionException("unbalanced {} in attribute expression", bodyOffset);
        var i = EndOfOperand(body, 0);
        var op = Operator(new SliceInput(body[i..]));
        var opText = op.WasSuccessful ? op.Value : string.Empty;
        if (opText is not ("==" or "!=" or "<" or "<=" or ">" or ">=" or "<level" or "<=level" or ">level" or ">=level"))
        {
            throw new PostfixExpressionException($"\"==\" or \"!=\" expected at \"{Excerpt(body, i)}\"", bodyOffset + i);
        }

        i += opText.Length;
        var right = TryOperand(body, i) ?? throw new PostfixExpressionException($"\"{{expression}}\" expected at \"{Excerpt(body, i)}\"", bodyOffset + i);
        var leftExpr = ParseAt(left.Value, bodyOffset + left.Start.Pos, depth + 1);
        var rightExpr = ParseAt(right.Value, bodyOffset + right.Start.Pos + i, depth + 1);
        i = EndOfOperand(body, i);
        if (i >= body.Length)
        {
            return new PostfixLogical(leftExpr, opText, rightExpr, null, null, false, start, end);
        }

        if (body[i] is not ('?' or ':'))
        {
            throw new PostfixExpressionException($"\"?\" or \":\" expected at \"{Excerpt(body, i)}\"", bodyOffset + i);
        }

        var (whenTrue, whenFalse) = ParseBranches(body, i, bodyOffset, depth);
        return new PostfixLogical(leftExpr, opText, rightExpr, whenTrue, whenFalse, true, start, end);
    }

    /// <summary>A <c>{...}</c> operand at <paramref name="at"/> (blanks before it allowed), or null when there is none; positions relative to <paramref name="at"/>.</summary>
    private static Sprache.ITextSpan<string>? TryOperand(string body, int at)
    {
        var rest = body[at..];
        var lead = rest.Length - rest.AsSpan().TrimStart(Blank).Length;
        if (lead >= rest.Length || rest[lead] != '{')
        {
            return null;
        }

        var result = Operand(new SliceInput(rest));
        if (!result.WasSuccessful)
        {
            throw new PostfixExpressionException($"unbalanced {{}} in attribute expression \"{Excerpt(rest, lead)}\"", at + lead);
        }

        return result.Value;
    }

    /// <summary>The offset just after the operand starting at <paramref name="at"/> and the blanks after it.</summary>
    private static int EndOfOperand(string body, int at)
    {
        var rest = body[at..];
        var result = Operand(new SliceInput(rest));
        return at + result.Remainder.Position;
    }

    private static Parser<string> Balanced(char open, char close)
    {
        Parser<string>? self = null;
        var nested =
            from o in Parse.Char(open)
            from inner in Recursive.Ref(() => self!)
            from c in Parse.Char(close)
            select o + inner + c;
        self = RunExcept(new string([open, close])).Or(nested).Many().Select(string.Concat);
        return self;
    }

    /// <summary>
    /// The body of a bracketed macro from <paramref name="start"/> (just after the opening bracket) to
    /// the closing bracket that balances it, counting only brackets of its own kind, as
    /// <c>Balanced(open, close)</c> followed by <paramref name="close"/> matches it; end -1 when none does.
    /// </summary>
    private static (int BodyStart, int BodyEnd, int End, PostfixReferenceForm Form) Bracketed(ReadOnlySpan<char> text, int start, char open, char close, PostfixReferenceForm form)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == open)
            {
                depth++;
            }
            else if (text[i] == close && depth-- == 0)
            {
                return (start, i, i + 1, form);
            }
        }

        return (start, start, -1, form);
    }

    /// <summary>A plain <c>$name</c>'s name from <paramref name="start"/>; end -1 when no name char is there.</summary>
    private static (int BodyStart, int BodyEnd, int End, PostfixReferenceForm Form) NameAt(ReadOnlySpan<char> text, int start)
    {
        var end = start;
        while (end < text.Length && IsNameChar(text[end]))
        {
            end++;
        }

        return (start, end, end > start ? end : -1, PostfixReferenceForm.Plain);
    }

    /// <summary>
    /// <c>Parse.CharExcept(stops).AtLeastOnce().Text()</c> in one step instead of one per char: the
    /// plain text of a value is most of it, and Sprache's per-char cost made a long value slow.
    /// </summary>
    private static Parser<string> RunExcept(string stops) => input =>
    {
        var rest = input.Source.AsSpan(input.Position);
        var length = rest.IndexOfAny(stops);
        return Run(input, length < 0 ? rest.Length : length, $"any character except {string.Join(" or ", stops.Select(c => $"'{c}'"))}");
    };

    private static IResult<string> Run(IInput input, int length, string expected) => length == 0
        ? Result.Failure<string>(input, input.AtEnd ? "Unexpected end of input reached" : $"unexpected '{input.Current}'", [expected])
        : Result.Success(input.Source.Substring(input.Position, length), SliceInput.AdvanceBy(input, length));

    /// <summary>Refuses bracket nesting deeper than Postfix expands, before the recursive grammar sees it.</summary>
    private static void CheckNesting(ReadOnlySpan<char> text, int offset)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '{' or '(')
            {
                if (++depth > MaxNesting * 2)
                {
                    throw new PostfixExpressionException("unreasonable macro call nesting", offset + i);
                }
            }
            else if (c is '}' or ')' && depth > 0)
            {
                depth--;
            }
        }
    }

    /// <summary>Joins adjacent literals (text and <c>$$</c>) into one node, in one pass; its raw text is the slice of <paramref name="text"/> they cover.</summary>
    private static PostfixNode[] MergeLiterals(TextSlice text, int offset, PostfixNode[] nodes)
    {
        if (!HasAdjacentLiterals(nodes))
        {
            return nodes; // the common case: nothing to join, no copy
        }

        var merged = new List<PostfixNode>(nodes.Length);
        var run = new List<PostfixLiteral>();

        void FlushRun()
        {
            if (run.Count == 1)
            {
                merged.Add(run[0]);
            }
            else if (run.Count > 1)
            {
                var raw = text[(run[0].Start - offset)..(run[^1].End - offset)];
                merged.Add(new PostfixLiteral(raw, string.Concat(run.Select(r => r.Value.ToString())), run[0].Start, run[^1].End));
            }

            run.Clear();
        }

        foreach (var node in nodes)
        {
            if (node is PostfixLiteral l)
            {
                run.Add(l);
            }
            else
            {
                FlushRun();
                merged.Add(node);
            }
        }

        FlushRun();
        return merged.ToArray();
    }

    private static bool HasAdjacentLiterals(PostfixNode[] nodes)
    {
        for (var i = 1; i < nodes.Length; i++)
        {
            if (nodes[i] is PostfixLiteral && nodes[i - 1] is PostfixLiteral)
            {
                return true;
            }
        }

        return false;
    }

    private static string Excerpt(ReadOnlySpan<char> text, int at) => at + 30 < text.Length ? string.Concat(text.Slice(at, 30), "...") : text[at..].ToString();

    /// <summary>A macro as written: its body (the name, or what is between the brackets) and where it is.</summary>
    internal sealed record RawMacro(string Body, int BodyStart, PostfixReferenceForm Form, int Start, int End);
}
