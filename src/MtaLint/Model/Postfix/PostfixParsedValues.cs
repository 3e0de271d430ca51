using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Model.Postfix;

/// <summary>
/// Each distinct value of one Postfix configuration parsed once. The extractor reads a value for
/// the names it marks as used, again for its references, and each scope that expands it reads it
/// once more: a 100,000-line main.cf or a megabyte value parsed three or four times was most of
/// the run, and a file that sets the same value again and again needs it parsed only once.
/// One instance per configuration; not for use from several threads at once.
/// </summary>
internal sealed class PostfixParsedValues
{
    // Keyed by the value's text, compared by content: a value is a slice of its file, not a string of its own.
    private readonly Dictionary<TextSlice, (PostfixExpression? Expression, PostfixExpressionException? Error)> _parsed;

    /// <param name="capacity">How many distinct values to expect (the assignments of the configuration): the table is made once at its size.</param>
    public PostfixParsedValues(int capacity = 0)
    {
        _parsed = new(capacity);
    }

    /// <summary><see cref="PostfixExpressionParser.TryParseValue"/>, remembered by the value's text.</summary>
    public PostfixExpression? TryParse(TextSlice value, out PostfixExpressionException? error)
    {
        if (!_parsed.TryGetValue(value, out var parsed))
        {
            _parsed[value] = parsed = (PostfixExpressionParser.TryParseValue(value, out var e), e);
        }

        error = parsed.Error;
        return parsed.Expression;
    }

    /// <summary>Names a value references, the way Postfix's parser reads it (through the remembered parse); a value it cannot parse references nothing.</summary>
    public IEnumerable<string> ReferencedNames(TextSlice value)
    {
        var names = new List<(string Name, int NameStart)>();
        AddReferencedNames(value, names);
        return names.Select(r => r.Name);
    }

    /// <summary><see cref="ReferencedNames"/> with where each name starts in the value, added to <paramref name="names"/> (a list reused across values).</summary>
    public void AddReferencedNames(TextSlice value, List<(string Name, int NameStart)> names)
    {
        if (value.Contains('$'))
        {
            TryParse(value, out _)?.AddReferencedNames(names);
        }
    }
}
