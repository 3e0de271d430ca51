using System.Text;

namespace MtaLint.Text;

/// <summary>
/// Text made of slices one after the other, not joined into one string until a string is asked
/// for (<see cref="ToString"/>, made once): an expansion that is mostly a literal of megabytes
/// (<c>$myhostname ESMTP</c> and a long line of words) stays that literal's slice of the file
/// and a few short pieces, instead of a copy of it. Short pieces next to each other are joined
/// when they are put together (<see cref="Concat"/>), so that text of many small pieces — a
/// reference that doubles at each level — has at most a piece per <see cref="JoinBelow"/> chars.
/// </summary>
public sealed class JoinedText
{
    /// <summary>Pieces shorter than this are joined with their neighbours into one string.</summary>
    public const int JoinBelow = 4096;

    private readonly TextSlice[] _pieces;
    private string? _joined;

    public JoinedText(TextSlice text)
    {
        _pieces = text.Length == 0 ? [] : [text];
        Length = text.Length;
    }

    private JoinedText(TextSlice[] pieces, int length)
    {
        _pieces = pieces;
        Length = length;
    }

    public static JoinedText Empty { get; } = new(TextSlice.Empty);

    public int Length { get; }

    /// <summary>The slices, in order; none is empty.</summary>
    public IReadOnlyList<TextSlice> Pieces => _pieces;

    /// <summary><paramref name="parts"/> one after the other (their pieces are not copied, except short ones joined).</summary>
    public static JoinedText Concat(IReadOnlyList<JoinedText> parts)
    {
        var length = 0L;
        var nonEmpty = 0;
        JoinedText? only = null;
        foreach (var part in parts)
        {
            length += part.Length;
            if (part.Length > 0)
            {
                nonEmpty++;
                only = part;
            }
        }

        if (nonEmpty <= 1)
        {
            return only ?? Empty;
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, int.MaxValue, nameof(parts));
        var pieces = new List<TextSlice>();
        var pending = new StringBuilder();
        foreach (var part in parts)
        {
            foreach (var piece in part._pieces)
            {
                if (piece.Length >= JoinBelow)
                {
                    Flush(pieces, pending);
                    pieces.Add(piece);
                    continue;
                }

                pending.Append(piece.Span);
                if (pending.Length >= JoinBelow)
                {
                    Flush(pieces, pending);
                }
            }
        }

        Flush(pieces, pending);
        return new JoinedText([.. pieces], (int)length);
    }

    /// <summary>Whether this is exactly <paramref name="text"/>, compared in place.</summary>
    public bool ContentEquals(ReadOnlySpan<char> text)
    {
        if (text.Length != Length)
        {
            return false;
        }

        var at = 0;
        foreach (var piece in _pieces)
        {
            if (!text.Slice(at, piece.Length).SequenceEqual(piece.Span))
            {
                return false;
            }

            at += piece.Length;
        }

        return true;
    }

    /// <summary>Whether <paramref name="other"/> holds the same text, compared piece by piece in place.</summary>
    public bool ContentEquals(JoinedText other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other.Length != Length)
        {
            return false;
        }

        var (i, at) = (0, 0); // other's piece, and the offset in it
        foreach (var piece in _pieces)
        {
            var mine = piece.Span;
            while (mine.Length > 0)
            {
                var theirs = other._pieces[i].Span[at..];
                var n = Math.Min(mine.Length, theirs.Length);
                if (!mine[..n].SequenceEqual(theirs[..n]))
                {
                    return false;
                }

                mine = mine[n..];
                at += n;
                if (at == other._pieces[i].Length)
                {
                    (i, at) = (i + 1, 0);
                }
            }
        }

        return true;
    }

    /// <summary>The offset of the first <paramref name="c"/> at or after <paramref name="start"/>; -1 when there is none.</summary>
    public int IndexOf(char c, int start = 0)
    {
        var at = 0;
        foreach (var piece in _pieces)
        {
            if (at + piece.Length > start)
            {
                var from = Math.Max(0, start - at);
                var found = piece.Span[from..].IndexOf(c);
                if (found >= 0)
                {
                    return at + from + found;
                }
            }

            at += piece.Length;
        }

        return -1;
    }

    /// <summary>Copies chars [<paramref name="start"/>, <paramref name="start"/> + <paramref name="destination"/>.Length) into <paramref name="destination"/>.</summary>
    public void CopyTo(int start, Span<char> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + (long)destination.Length, Length, nameof(destination));
        var at = 0;
        foreach (var piece in _pieces)
        {
            if (destination.IsEmpty)
            {
                return;
            }

            if (at + piece.Length > start)
            {
                var from = Math.Max(0, start - at);
                var n = Math.Min(piece.Length - from, destination.Length);
                piece.Span.Slice(from, n).CopyTo(destination);
                destination = destination[n..];
                start += n;
            }

            at += piece.Length;
        }
    }

    /// <summary>Chars [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) as a string of their own.</summary>
    public string Substring(int start, int length) =>
        length == 0 ? string.Empty : string.Create(length, (this, start), static (chars, state) => state.Item1.CopyTo(state.start, chars));

    /// <summary>The text as one string, made on first use (for one piece that is all of a string, that string).</summary>
    public override string ToString() => _joined ??= _pieces.Length switch
    {
        0 => string.Empty,
        1 => _pieces[0].ToString(),
        _ => string.Create(Length, _pieces, static (chars, pieces) =>
        {
            var at = 0;
            foreach (var piece in pieces)
            {
                piece.Span.CopyTo(chars[at..]);
                at += piece.Length;
            }
        }),
    };

    private static void Flush(List<TextSlice> pieces, StringBuilder pending)
    {
        if (pending.Length > 0)
        {
            pieces.Add(pending.ToString());
            pending.Clear();
        }
    }
}
