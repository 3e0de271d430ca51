using MtaLint.Text;

namespace MtaLint.Syntax.Templates;

/// <summary>Nests blocks as their tags come in; reports tags that close or continue a block that is not the innermost open one.</summary>
internal sealed class BlockTreeBuilder(SourceFile file)
{
    private readonly List<TemplateBlock> _roots = [];
    private readonly List<TemplateBlock> _open = [];
    private readonly List<SyntaxError> _errors = [];

    public IReadOnlyList<TemplateBlock> Roots => _roots;

    public IReadOnlyList<SyntaxError> Errors => _errors;

    public TemplateBlock? Innermost => _open.Count == 0 ? null : _open[^1];

    public void Open(TemplateBlockKind kind, TemplateBranch first)
    {
        var block = new TemplateBlock(kind, first.Keyword, first);
        if (Innermost is { } parent)
        {
            parent.Last.Add(block);
        }
        else
        {
            _roots.Add(block);
        }

        _open.Add(block);
    }

    /// <summary>Starts the next branch of the innermost block (<c>elif</c>, <c>else</c>, <c>when</c>).</summary>
    public void Continue(TemplateBranch branch)
    {
        var block = _open[^1];
        block.Last.Body = TextSpan.FromBounds(block.Last.Tag.Span.End, branch.Tag.Span.Start);
        block.Add(branch);
    }

    public void Close(TemplateToken closer)
    {
        var block = _open[^1];
        block.Last.Body = TextSpan.FromBounds(block.Last.Tag.Span.End, closer.Span.Start);
        block.Closer = closer;
        _open.RemoveAt(_open.Count - 1);
    }

    public void Error(TemplateToken at, string message) => _errors.Add(new SyntaxError(file.Span(at.Span.Start, 0), message));

    /// <summary>Reports every block still open at the end of the file, at its opening tag, unless an error came first (after which the engine reads no further).</summary>
    public void Finish(Func<TemplateBlock, string> message)
    {
        var earlier = _errors.Count > 0;
        foreach (var block in _open)
        {
            block.Last.Body = TextSpan.FromBounds(block.Last.Tag.Span.End, file.Text.Length);
            if (!earlier)
            {
                Error(block.Opener, message(block));
            }
        }

        _open.Clear();
    }

    public string Where(TemplateToken token) => file.GetPosition(token.Span.Start).ToString();
}
