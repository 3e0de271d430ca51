using MtaLint.Text;

namespace MtaLint.Syntax.Exim;

/// <summary>
/// Where a new main option can be written: the reader records the line starts of the roots that are
/// in the main section outside any conditional, and the end of each root that ends there.
/// </summary>
internal sealed class EximMainSectionEnd
{
    private readonly List<Boundary> _boundaries = [];

    private readonly record struct Boundary(SourceFile File, int Offset, EximLineKind Kind);

    /// <summary>A place in the main section, outside any conditional: a line start of <paramref name="kind"/>, or the end of a root (<see cref="EximLineKind.Blank"/>).</summary>
    public void Record(SourceFile file, int offset, EximLineKind kind) => _boundaries.Add(new Boundary(file, offset, kind));

    /// <summary>
    /// The end of <paramref name="mainHome"/> when it ends in the main section; else the end of the main
    /// section as the statements show it; else the top of the first root, which is always in the main section.
    /// </summary>
    public EximInsertionPoint? InsertionPoint(IReadOnlyList<EximStatement> statements, IReadOnlyList<SourceFile> roots, SourceFile? mainHome) =>
        EndOfMainHome(mainHome) ?? EndOfMainSection(statements) ?? (roots.Count > 0 ? new EximInsertionPoint(roots[0], 0, false) : null);

    /// <summary>The end of <paramref name="home"/> when it ends in the main section outside any conditional (a boundary was recorded there).</summary>
    private EximInsertionPoint? EndOfMainHome(SourceFile? home)
    {
        if (home is null || !_boundaries.Any(b => b.File == home && b.Offset == home.Text.Length))
        {
            return null;
        }

        return new EximInsertionPoint(home, home.Text.Length, home.Text.Length > 0 && home.Text[^1] != '\n');
    }

    /// <summary>
    /// The end of the main section: before the comments and blank lines that precede the first
    /// <c>begin</c>, or the end of the last file read while still in the main section; never inside a conditional.
    /// </summary>
    private EximInsertionPoint? EndOfMainSection(IReadOnlyList<EximStatement> statements)
    {
        var begin = statements.OfType<EximSectionBegin>().FirstOrDefault();
        int index;
        if (begin is null)
        {
            index = _boundaries.Count - 1;
        }
        else
        {
            index = _boundaries.FindIndex(b => b.File == begin.Line.File && b.Offset == begin.Line.Start);
            if (index < 0)
            {
                return null;
            }

            while (index > 0 && _boundaries[index - 1].File == begin.Line.File && _boundaries[index - 1].Kind is EximLineKind.Comment or EximLineKind.Blank
                   && _boundaries[index - 1].Offset < _boundaries[index].Offset)
            {
                index--;
            }

            // A file that holds nothing of the main section before its `begin` (a conf.d
            // acl header): the option belongs at the end of the previous main fragment.
            if (_boundaries[index].Offset == 0 && index > 0 && _boundaries[index - 1].File != begin.Line.File)
            {
                index--;
            }
        }

        if (index < 0)
        {
            return null;
        }

        var b = _boundaries[index];
        var needsNewline = b.Offset == b.File.Text.Length && b.Offset > 0 && b.File.Text[^1] != '\n';
        return new EximInsertionPoint(b.File, b.Offset, needsNewline);
    }
}
