using System.Text;
using MtaLint.Text;

namespace MtaLint.Syntax.Sendmail;

/// <summary>
/// One piece of an m4 (.mc) file as m4 reads it. Spans are char offsets into the text the node was
/// parsed from; the nodes of a sequence are contiguous, so printing them gives the text back.
/// </summary>
internal abstract record M4Node(TextSpan Span)
{
    public virtual void Print(string text, StringBuilder output) => output.Append(text, Span.Start, Span.Length);
}

/// <summary>Characters m4 copies through unchanged: blanks, punctuation, parentheses outside an argument list.</summary>
internal sealed record M4Text(TextSpan Span) : M4Node(Span);

/// <summary>A name that is not a macro where it stands (m4 copies it through, unless a later definition makes it one).</summary>
internal sealed record M4Word(TextSpan Span, string Name) : M4Node(Span);

/// <summary>A quoted string <c>`...'</c>, quotes nested; m4 strips one level of quotes and does not expand the inside.</summary>
internal sealed record M4Quoted(TextSpan Span) : M4Node(Span)
{
    /// <summary>The text between the outer quotes.</summary>
    public TextSpan Inner => new(Span.Start + 1, Span.Length - 2);
}

/// <summary>An m4 comment, <c>#</c> to the end of the line (without the line break); only before cf.m4 turns comments off.</summary>
internal sealed record M4Comment(TextSpan Span) : M4Node(Span);

/// <summary><c>dnl</c> and everything after it up to and including the line break.</summary>
internal sealed record M4Dnl(TextSpan Span) : M4Node(Span);

/// <summary>
/// A macro call: a builtin (<c>define</c>, <c>ifdef</c>, <c>include</c>...), a sendmail-cf macro
/// (<c>FEATURE</c>, <c>DAEMON_OPTIONS</c>, <c>LOCAL_CONFIG</c>...) or one the file defined.
/// </summary>
/// <param name="Arguments">Null when the name is not followed by <c>(</c>.</param>
internal sealed record M4Call(TextSpan Span, string Name, TextSpan NameSpan, IReadOnlyList<M4Argument>? Arguments) : M4Node(Span)
{
    public override void Print(string text, StringBuilder output)
    {
        output.Append(text, NameSpan.Start, NameSpan.Length);
        if (Arguments is null)
        {
            return;
        }

        output.Append('(');
        for (var i = 0; i < Arguments.Count; i++)
        {
            if (i > 0)
            {
                output.Append(',');
            }

            Arguments[i].Print(text, output);
        }

        output.Append(')');
    }

    public M4Argument? Argument(int index) => Arguments is { } a && index < a.Count ? a[index] : null;
}

/// <summary>
/// One argument of a call: <see cref="Span"/> runs from after <c>(</c> or <c>,</c> to before <c>,</c> or <c>)</c>;
/// m4 skips the blanks and line breaks before <see cref="ContentStart"/>.
/// </summary>
internal sealed record M4Argument(TextSpan Span, int ContentStart, IReadOnlyList<M4Node> Items)
{
    public TextSpan Content => TextSpan.FromBounds(ContentStart, Span.End);

    public void Print(string text, StringBuilder output)
    {
        output.Append(text, Span.Start, ContentStart - Span.Start);
        foreach (var item in Items)
        {
            item.Print(text, output);
        }
    }

    /// <summary>
    /// The quoted string this argument consists of, if it is one: <c>dnl</c> comments may come before
    /// it (a value on the line after <c>define(`name',dnl</c>) and blanks after it.
    /// </summary>
    public M4Quoted? SingleQuoted(string text)
    {
        var i = 0;
        while (i < Items.Count && Items[i] is M4Dnl)
        {
            i++;
        }

        if (i >= Items.Count || Items[i] is not M4Quoted quoted)
        {
            return null;
        }

        for (var j = i + 1; j < Items.Count; j++)
        {
            if (Items[j] is not M4Text t || !string.IsNullOrWhiteSpace(text.Substring(t.Span.Start, t.Span.Length)))
            {
                return null;
            }
        }

        return quoted;
    }
}

/// <summary>A parsed .mc file: its nodes cover the text exactly.</summary>
internal sealed record McDocument(SourceFile File, IReadOnlyList<M4Node> Nodes)
{
    public string Print()
    {
        var output = new StringBuilder(File.Text.Length);
        foreach (var node in Nodes)
        {
            node.Print(File.Text, output);
        }

        return output.ToString();
    }

    /// <summary>Every call in the file, nested ones included, in source order.</summary>
    public IEnumerable<M4Call> AllCalls() => Calls(Nodes);

    private static IEnumerable<M4Call> Calls(IEnumerable<M4Node> nodes)
    {
        foreach (var node in nodes)
        {
            if (node is M4Call call)
            {
                yield return call;
                foreach (var nested in (call.Arguments ?? []).SelectMany(a => Calls(a.Items)))
                {
                    yield return nested;
                }
            }
        }
    }
}
