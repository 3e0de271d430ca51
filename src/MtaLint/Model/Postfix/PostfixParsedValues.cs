using MtaLint.Syntax.Postfix;

namespace MtaLint.Model.Postfix;

/// <summary>
/// Each distinct value of one Postfix configuration parsed once. The extractor reads a value for
/// the names it marks as used, again for its references, and each scope that expands it reads it
/// once more: a 100,000-line main.cf or a megabyte value parsed three or four times was most of
/// the run, and a file that sets the same value again and again needs it parsed only once.
/// One instance per configuration; not for use from several threads at once.
/// </summary>
public sealed class PostfixParsedValues
{
    private readonly Dictionary<string, (PostfixExpression? Expression, PostfixExpressionException? Error)> _parsed = new(StringComparer.Ordinal);

    /// <summary><see cref="PostfixExpressionParser.TryParseValue"/>, remembered by the value's text.</summary>
    public PostfixExpression? TryParse(string value, out PostfixExpressionException? error)
    {
        if (!_parsed.TryGetValue(value, out var parsed))
        {
            _parsed[value] = parsed = (PostfixExpressionParser.TryParseValue(value, out var e), e);
        }

        error = parsed.Error;
        return parsed.Expression;
    }

    /// <summary>Names a value references, the way Postfix's parser reads it (through the remembered parse); a value it cannot parse references nothing.</summary>
    public IEnumerable<string> ReferencedNames(string value) =>
        !value.Contains('$') ? [] : TryParse(value, out _)?.ReferencedNames().Select(r => r.Name) ?? [];
}
