using MtaLint.Syntax.Postfix;

namespace MtaLint.Model.Postfix;

/// <summary>A value text as Postfix's parser reads it: the expression, or why it cannot be expanded.</summary>
public sealed record ParsedPostfixValue(PostfixExpression? Expression, PostfixExpressionException? Error);

/// <summary>
/// Parses the values of one configuration, each distinct text once: every service scope expands
/// the same main.cf values and defaults, so without this a master.cf with twenty services parses
/// them twenty times. One instance per unit, used from one thread.
/// </summary>
public sealed class PostfixValueParser
{
    private readonly Dictionary<string, ParsedPostfixValue> _parsed = new(StringComparer.Ordinal);

    public ParsedPostfixValue Parse(string text)
    {
        if (!_parsed.TryGetValue(text, out var parsed))
        {
            var expression = PostfixExpressionParser.TryParseValue(text, out var error);
            parsed = new ParsedPostfixValue(expression, error);
            _parsed[text] = parsed;
        }

        return parsed;
    }

    /// <summary>The expression of <paramref name="text"/>, or null when Postfix cannot expand it.</summary>
    public PostfixExpression? TryParse(string text) => Parse(text).Expression;
}
