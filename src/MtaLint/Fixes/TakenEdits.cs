using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Fixes;

/// <summary>
/// Where the edits taken so far in one fixing pass end, per file. The fixer visits the fixes in the
/// order their edits start (ruff's way), so an edit that starts where every taken edit of its file
/// has ended overlaps none of them (<see cref="TextSpan.Overlaps"/>); one that starts earlier might,
/// and waits for the next pass.
/// </summary>
internal sealed class TakenEdits
{
    private readonly Dictionary<string, End> _ends = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="edit"/> starts at or after the end of every edit taken in its file.</summary>
    public bool Clear(TextEdit edit) => !_ends.TryGetValue(edit.File.Path, out var end) || end.Clears(edit.Span);

    public void Take(TextEdit edit) =>
        _ends[edit.File.Path] = _ends.TryGetValue(edit.File.Path, out var end) ? end.Reaching(edit.Span) : End.Of(edit.Span);

    /// <param name="Offset">The furthest end of the taken edits.</param>
    /// <param name="Insertion">An insertion was taken at <paramref name="Offset"/>: another edit starting there would land beside it in either order.</param>
    private readonly record struct End(int Offset, bool Insertion)
    {
        public static End Of(TextSpan span) => new(span.End, span.Length == 0);

        // A replacement may start where another ends, and an insertion may sit at a replacement's end.
        public bool Clears(TextSpan span) => span.Start > Offset || (span.Start == Offset && !Insertion);

        public End Reaching(TextSpan span) =>
            span.End > Offset ? Of(span) : span.End == Offset ? this with { Insertion = Insertion || span.Length == 0 } : this;
    }
}
