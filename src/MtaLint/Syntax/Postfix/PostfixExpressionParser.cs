using Sprache;

namespace MtaLint.Syntax.Postfix;

/// <summary>
/// Parses Postfix <c>$</c> expressions the way mac_parse and mac_expand read them.
/// A value's flat sequence of text, <c>$$</c>, <c>$name</c> and balanced <c>${...}</c> and
/// <c>$(...)</c> is read in one Sprache step (<see cref="Sequence"/>); Sprache's combinators do
/// the <c>{...}</c> operands and operators; the meaning of a <c>${...}</c> body is decided like
/// mac_expand does, and its operands are parsed again the same way.
/// Linear in the value's length; the parsers are immutable and built once.
/// </summary>
public static class PostfixExpressionParser
{
    private const int MaxNesting = 100;

    private static readonly Parser<string> BraceBody = Balanced('{', '}');

    /// <summary>
    /// The tokens of a value, <c>("$$" | "$" macro | text)*</c>, read in one Sprache step: runs of
    /// text up to the next <c>$</c>, and at each <c>$</c> what <see cref="DollarAt"/> reads. The
    /// combinators' results, closures and spans per token were most of a value's parse (2 KB for
    /// a 25-char value, times 100,000 lines); the sequence is flat, so they added nothing.
    /// </summary>
    private static readonly Parser<IEnumerable<object>> Sequence = input =>
    {
        var text = input.Source;
        var at = input.Position;
        var items = new List<object>();
        while (at < text.Length)
        {
            if (text[at] != '$')
            {
                var stop = text.IndexOf('$', at);
                var end = stop < 0 ? text.Length : stop;
                var literal = text[at..end];
                items.Add(new PostfixLiteral(literal, literal, at, end));
                at = end;
            }
            else if (DollarAt(text, at) is { } token)
            {
                items.Add(token.Item);
                at = token.End;
            }
            else
            {
                break; // a '$' that starts nothing valid: the caller reports it
            }
        }

        return Result.Success<IEnumerable<object>>(items, SliceInput.AdvanceBy(input, at - input.Position));
    };

    /// <summary>
    /// What the <c>$</c> at <paramref name="at"/> starts: <c>$$</c> (a literal), or a raw macro,
    /// <c>$name</c>, <c>${...}</c> or <c>$(...)</c> with balanced brackets of its own kind, as
    /// <c>"$$" | "$" ("{" Balanced("{}") "}" | "(" Balanced("()") ")" | name)</c> reads it; null when none.
    /// </summary>
    private static (object Item, int End)? DollarAt(string text, int at)
    {
        if (at + 1 >= text.Length)
        {
            return null;
        }

        var next = text[at + 1];
        if (next == '$')
        {
            return (new PostfixLiteral("$$", "$", at, at + 2), at + 2);
        }

        var (bodyStart, bodyEnd, end, form) = next switch
        {
            '{' => Bracketed(text, at + 2, '{', '}', PostfixReferenceForm.Braces),
            '(' => Bracketed(text, at + 2, '(', ')', PostfixReferenceForm.Parentheses),
            _ => NameAt(text, at + 1),
        };
        return end < 0 ? null : (new RawMacro(text[bodyStart..bodyEnd], bodyStart, form, at, end), end);
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
    public static PostfixExpression ParseValue(string value) => ParseAt(value, 0, 0);

    /// <summary>Parses, returning null and the error instead of throwing.</summary>
    public static PostfixExpression? TryParseValue(string value, out PostfixExpressionException? error)
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

    public static bool IsNameChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

    private static PostfixExpression ParseAt(string text, int offset, int depth)
    {
        if (depth > MaxNesting)
        {
            throw new PostfixExpressionException("unreasonable macro call nesting", offset);
        }

        if (text.Length == 0)
        {
            return PostfixExpression.Empty;
        }

        CheckNesting(text, offset);
        if (!text.Contains('$'))
        {
            // Most values are plain text: the grammar would yield this one literal, without Sprache's per-char cost.
            return new PostfixExpression(MergeLiterals([new PostfixLiteral(text, text, offset, offset + text.Length)]));
        }

        var (items, consumed) = Tokenize(text);
        if (consumed < text.Length)
        {
            // Many() stopped at a '$' that starts no valid macro.
            var at = consumed;
            var next = at + 1 < text.Length ? text[at + 1] : '\0';
            throw next is '{' or '('
                ? new PostfixExpressionException($"truncated macro reference: no closing '{(next == '{' ? '}' : ')')}' for \"{Excerpt(text, at)}\"", offset + at)
                : new PostfixExpressionException($"empty macro name: '$' must be followed by a name, '{{', '(' or '$' (write '$$' for a literal '$') at \"{Excerpt(text, at)}\"", offset + at);
        }

        var nodes = new List<PostfixNode>(items.Count);
        foreach (var item in items)
        {
            nodes.Add(item switch
            {
                PostfixLiteral l => offset == 0 ? l : l with { Start = l.Start + offset, End = l.End + offset },
                RawMacro m => Interpret(m, offset, depth),
                _ => throw new InvalidOperationException(),
            });
        }

        return new PostfixExpression(MergeLiterals(nodes));
    }

    /// <summary>The literals (<see cref="PostfixLiteral"/>) and raw macros (<see cref="RawMacro"/>) of a value, and how much of it they cover.</summary>
    internal static (IReadOnlyList<object> Items, int Consumed) Tokenize(string text)
    {
        var result = Sequence(new SliceInput(text));
        return (result.Value as IReadOnlyList<object> ?? result.Value?.ToList() ?? [], result.WasSuccessful ? result.Remainder.Position : 0);
    }

    /// <summary>What a <c>${...}</c> body means: a name, a conditional, or a logical expression (mac_expand_callback).</summary>
    private static PostfixNode Interpret(RawMacro m, int offset, int depth)
    {
        var start = m.Start + offset;
        var end = m.End + offset;
        var bodyOffset = m.BodyStart + offset;
        var body = m.Body;
        if (m.Form == PostfixReferenceForm.Plain)
        {
            return new PostfixReference(body, m.Form, bodyOffset, start, end);
        }

        var lead = body.Length - body.TrimStart(' ', '\t', '\r', '\n').Length;
        if (lead < body.Length && body[lead] == '{')
        {
            return InterpretLogical(body, bodyOffset, depth, start, end);
        }

        var op = body.IndexOfAny(['?', ':']);
        var rawName = op < 0 ? body : body[..op];
        var name = rawName.Trim(' ', '\t', '\r', '\n');
        var nameStart = bodyOffset + (rawName.Length - rawName.TrimStart(' ', '\t', '\r', '\n').Length);
        var bad = name.ToCharArray().Select((c, i) => (c, i)).FirstOrDefault(x => !IsNameChar(x.c));
        if (name.Length == 0)
        {
            throw new PostfixExpressionException("empty macro name inside \"" + Excerpt(body, 0) + "\"", bodyOffset);
        }

        if (bad.c != default(char))
        {
            throw new PostfixExpressionException($"attribute name syntax error at \"{name[..bad.i]}>>>{name[bad.i..]}\"", nameStart + bad.i);
        }

        if (op < 0)
        {
            return new PostfixReference(name, m.Form, nameStart, start, end);
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
        var lead = rest.Length - rest.TrimStart(' ', '\t', '\r', '\n').Length;
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
    private static (int BodyStart, int BodyEnd, int End, PostfixReferenceForm Form) Bracketed(string text, int start, char open, char close, PostfixReferenceForm form)
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
    private static (int BodyStart, int BodyEnd, int End, PostfixReferenceForm Form) NameAt(string text, int start)
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
    private static void CheckNesting(string text, int offset)
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

    /// <summary>Joins adjacent literals (text and <c>$$</c>) into one node, in one pass.</summary>
    private static List<PostfixNode> MergeLiterals(List<PostfixNode> nodes)
    {
        if (!HasAdjacentLiterals(nodes))
        {
            return nodes; // the common case: nothing to join, no copy
        }

        var merged = new List<PostfixNode>(nodes.Count);
        var run = new List<PostfixLiteral>();

        void FlushRun()
        {
            if (run.Count == 1)
            {
                merged.Add(run[0]);
            }
            else if (run.Count > 1)
            {
                merged.Add(new PostfixLiteral(string.Concat(run.Select(r => r.Raw)), string.Concat(run.Select(r => r.Value)), run[0].Start, run[^1].End));
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
        return merged;
    }

    private static bool HasAdjacentLiterals(List<PostfixNode> nodes)
    {
        for (var i = 1; i < nodes.Count; i++)
        {
            if (nodes[i] is PostfixLiteral && nodes[i - 1] is PostfixLiteral)
            {
                return true;
            }
        }

        return false;
    }

    private static string Excerpt(string text, int at) => at + 30 < text.Length ? text.Substring(at, 30) + "..." : text[at..];

    /// <summary>A macro as written: its body (the name, or what is between the brackets) and where it is.</summary>
    internal sealed record RawMacro(string Body, int BodyStart, PostfixReferenceForm Form, int Start, int End);
}
