using MtaLint.Syntax.Postfix;
using MtaLint.Syntax;
using Sprache;

namespace MtaLint.Tests.Postfix;

/// <summary>
/// The value tokenizer takes a run of text or a whole <c>$</c> macro in one parse step, over an
/// input that can skip ahead. The oracle is the grammar it replaced, built from Sprache's own
/// char-by-char combinators on Sprache's own input: on any text both must give the same tokens,
/// at the same offsets, and stop at the same place.
/// </summary>
public sealed class PostfixTokenizerTests
{
    [Theory]
    [InlineData("plain text")]
    [InlineData("a $b ${c} $(d) ${e?{$f}:{g}} $$ $$$x")]
    [InlineData("${a{b}c} $(a(b)c) ${a(b} $(a{b)")]
    [InlineData("${unclosed {x}")]
    [InlineData("$(unclosed (x)")]
    [InlineData("a $ b")]
    [InlineData("a $")]
    [InlineData("$")]
    [InlineData("${}$()")]
    [InlineData("line\n  $next\n\t${x}")]
    [InlineData("$my.host $a-b")]
    public void Tokens_are_those_of_the_char_by_char_grammar(string value)
    {
        var expected = CharByCharGrammar.Tokenize(value);
        var actual = PostfixExpressionParser.Tokenize(value);

        Assert.Equal(expected.Items, actual.Items);
        Assert.Equal(expected.Consumed, actual.Consumed);
    }

    [Fact]
    public void Random_values_get_the_tokens_of_the_char_by_char_grammar()
    {
        var random = new Random(5);
        const string chars = "$${}()ab_9 .:?\n";
        for (var round = 0; round < 20_000; round++)
        {
            var value = new string(Enumerable.Range(0, random.Next(0, 24)).Select(_ => chars[random.Next(chars.Length)]).ToArray());
            var expected = CharByCharGrammar.Tokenize(value);
            var actual = PostfixExpressionParser.Tokenize(value);
            Assert.True(expected.Consumed == actual.Consumed && expected.Items.SequenceEqual(actual.Items), $"'{value.Replace("\n", "\\n")}': expected {Show(expected)}, got {Show(actual)}");
        }
    }

    [Fact]
    public void The_skipping_input_is_where_stepping_char_by_char_would_be()
    {
        const string text = "ab\ncd\n\nefg\nh";
        for (var start = 0; start <= text.Length; start++)
        {
            for (var count = 0; start + count <= text.Length; count++)
            {
                IInput stepped = new Input(text);
                IInput skipping = new SliceInput(text);
                for (var i = 0; i < start; i++)
                {
                    stepped = stepped.Advance();
                    skipping = skipping.Advance();
                }

                var expected = stepped;
                for (var i = 0; i < count; i++)
                {
                    expected = expected.Advance();
                }

                var actual = SliceInput.AdvanceBy(skipping, count);
                Assert.Equal((expected.Position, expected.Line, expected.Column, expected.AtEnd), (actual.Position, actual.Line, actual.Column, actual.AtEnd));
                var stepping = AdvanceTo(text, start + count);
                Assert.True(actual.Equals(stepping) && actual.GetHashCode() == stepping.GetHashCode());
            }
        }
    }

    private static IInput AdvanceTo(string text, int position)
    {
        IInput input = new SliceInput(text);
        for (var i = 0; i < position; i++)
        {
            input = input.Advance();
        }

        return input;
    }

    private static string Show((IReadOnlyList<object> Items, int Consumed) tokens) =>
        $"[{string.Join(", ", tokens.Items)}] up to {tokens.Consumed}";

    /// <summary>The tokenizing grammar as it was: Sprache's standard combinators, one char per step.</summary>
    private static class CharByCharGrammar
    {
        private static readonly Parser<object> DoubleDollar =
            Parse.String("$$").Span().Select(s => (object)new PostfixLiteral("$$", "$", s.Start.Pos, s.End.Pos));

        private static readonly Parser<object> Text =
            Parse.CharExcept('$').AtLeastOnce().Text().Span().Select(s => (object)new PostfixLiteral(s.Value, s.Value, s.Start.Pos, s.End.Pos));

        private static readonly Parser<string> Name = Parse.Char(PostfixExpressionParser.IsNameChar, "parameter name char").AtLeastOnce().Text();

        private static readonly Parser<string> BraceBody = Balanced('{', '}');

        private static readonly Parser<string> ParenBody = Balanced('(', ')');

        private static readonly Parser<object> Macro =
            from dollar in Parse.Char('$').Span()
            from body in
                (from open in Parse.Char('{') from b in BraceBody.Span() from close in Parse.Char('}') select (Text: b, Form: PostfixReferenceForm.Braces))
                .Or(from open in Parse.Char('(') from b in ParenBody.Span() from close in Parse.Char(')') select (Text: b, Form: PostfixReferenceForm.Parentheses))
                .Or(Name.Span().Select(n => (Text: n, Form: PostfixReferenceForm.Plain)))
            from end in Parse.Return(0).Span()
            select (object)new PostfixExpressionParser.RawMacro(body.Text.Value, body.Text.Start.Pos, body.Form, dollar.Start.Pos, end.Start.Pos);

        private static readonly Parser<IEnumerable<object>> Sequence = DoubleDollar.Or(Macro).Or(Text).Many();

        public static (IReadOnlyList<object> Items, int Consumed) Tokenize(string text)
        {
            var result = Sequence.TryParse(text);
            return (result.Value?.ToList() ?? [], result.WasSuccessful ? result.Remainder.Position : 0);
        }

        private static Parser<string> Balanced(char open, char close)
        {
            Parser<string>? self = null;
            var nested =
                from o in Parse.Char(open)
                from inner in Parse.Ref(() => self!)
                from c in Parse.Char(close)
                select o + inner + c;
            self = Parse.CharExcept([open, close]).AtLeastOnce().Text().Or(nested).Many().Select(string.Concat);
            return self;
        }
    }
}
