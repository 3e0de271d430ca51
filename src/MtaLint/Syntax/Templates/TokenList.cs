using MtaLint.Text;

namespace MtaLint.Syntax.Templates;

/// <summary>
/// Collects the tokens of one file as a lexer finds its tags: the text between two tags becomes a literal token,
/// so the tokens always cover the file without gap or overlap. One instance per lexing run.
/// </summary>
internal sealed class TokenList(SourceFile file)
{
    private readonly List<TemplateToken> _tokens = [];
    private readonly List<SyntaxError> _errors = [];
    private int _end;

    public SourceFile File { get; } = file;

    public IReadOnlyList<TemplateToken> Tokens => _tokens;

    public IReadOnlyList<SyntaxError> Errors => _errors;

    /// <summary>Where the text not yet in a token starts.</summary>
    public int End => _end;

    /// <summary>Adds <paramref name="token"/>, with the text since the last token before it as a literal.</summary>
    public void Add(TemplateToken token)
    {
        LiteralUpTo(token.Span.Start);
        _tokens.Add(token);
        _end = token.Span.End;
    }

    public void LiteralUpTo(int offset)
    {
        if (offset > _end)
        {
            _tokens.Add(new TemplateToken(TemplateTokenKind.Literal, TextSpan.FromBounds(_end, offset)));
            _end = offset;
        }
    }

    /// <summary>Records an error at <paramref name="offset"/> and ends the file as literal text (the engine stops at its first error too).</summary>
    public void Fail(int offset, string message)
    {
        _errors.Add(new SyntaxError(File.Span(offset, 0), message));
        LiteralUpTo(File.Text.Length);
    }

    public void Finish() => LiteralUpTo(File.Text.Length);
}
