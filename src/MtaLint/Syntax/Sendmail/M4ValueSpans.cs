using MtaLint.Text;

namespace MtaLint.Syntax.Sendmail;

/// <summary>
/// Where an .mc file's text is part of a value rather than a line of its own: the quoted strings and the argument
/// lists of the calls at its top level. There <c>#</c> is no comment (m4 reads no comment inside quotes, and after
/// cf.m4's <c>changecom()</c> none at all) but a character of the value; a line a template engine drops from such a
/// span must not read as one.
/// </summary>
internal sealed class M4ValueSpans
{
    private readonly TextSpan[] _spans;

    private M4ValueSpans(TextSpan[] spans) => _spans = spans;

    public static M4ValueSpans Of(McDocument document)
    {
        var spans = new List<TextSpan>();
        foreach (var node in document.Nodes)
        {
            switch (node)
            {
                case M4Call { Arguments: { Count: > 0 } arguments }:
                    spans.Add(TextSpan.FromBounds(arguments[0].Span.Start, arguments[^1].Span.End));
                    break;
                case M4Quoted quoted:
                    spans.Add(quoted.Inner);
                    break;
            }
        }

        return new M4ValueSpans([.. spans]);
    }

    /// <summary>Whether any of <paramref name="span"/> lies inside a value (nodes are in order and do not overlap).</summary>
    public bool Inside(TextSpan span)
    {
        int lo = 0, hi = _spans.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_spans[mid].End <= span.Start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo < _spans.Length && _spans[lo].Start < span.End;
    }
}
