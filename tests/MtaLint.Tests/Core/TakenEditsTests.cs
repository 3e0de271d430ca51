using CsCheck;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Tests.Core;

/// <summary>
/// <see cref="TakenEdits"/> against the direct way, every taken edit compared with
/// <see cref="TextSpan.Overlaps"/>, on fixes visited in the order their edits start (as the fixer
/// visits them). CsCheck shrinks a disagreement to the fewest and shortest edits.
/// </summary>
public sealed class TakenEditsTests
{
    private static readonly SourceFile Main = new("/a/main.cf", new string('x', 40));
    private static readonly SourceFile Master = new("/a/master.cf", new string('y', 40));

    /// <summary>An insertion (a third of the time) or a replacement of up to 6 chars, in one of two files.</summary>
    private static readonly Gen<TextEdit> Edit =
        Gen.Select(Gen.Bool, Gen.Int[0, 40], Gen.Int[0, 6], Gen.Int[0, 2], (inMaster, start, length, kind) =>
        {
            var file = inMaster ? Master : Main;
            return new TextEdit(file, new TextSpan(start, kind == 0 ? 0 : Math.Min(length, file.Text.Length - start)), "N");
        });

    /// <summary>Fixes of one to three edits, in the order the fixer visits them.</summary>
    private static readonly Gen<List<TextEdit[]>> Fixes =
        Edit.Array[1, 3].List[1, 25].Select(fixes => fixes.OrderBy(f => f.Min(e => e.Span.Start)).ToList());

    [Fact]
    public void No_taken_edit_overlaps_an_edit_of_another_fix_taken() =>
        Fixes.Sample(fixes =>
        {
            var taken = new TakenEdits();
            var chosen = new List<TextEdit[]>();
            foreach (var fix in fixes.Where(f => f.All(taken.Clear)))
            {
                Array.ForEach(fix, taken.Take);
                chosen.Add(fix);
            }

            return chosen.SelectMany((f, i) => f.Select(e => (e, i))).All(x =>
                chosen.Where((_, j) => j != x.i).SelectMany(f => f).All(t => t.File.Path != x.e.File.Path || !t.Span.Overlaps(x.e.Span)));
        }, iter: 20_000, print: Show);

    [Fact]
    public void Edits_in_the_order_of_their_starts_are_clear_exactly_when_they_overlap_no_taken_edit() =>
        Edit.List[1, 25].Select(edits => edits.OrderBy(e => e.Span.Start).ToList()).Sample(edits =>
        {
            var taken = new TakenEdits();
            var direct = new List<TextEdit>();
            foreach (var edit in edits)
            {
                var clear = !direct.Any(t => t.File.Path == edit.File.Path && t.Span.Overlaps(edit.Span));
                if (taken.Clear(edit) != clear)
                {
                    return false;
                }

                if (clear)
                {
                    taken.Take(edit);
                    direct.Add(edit);
                }
            }

            return true;
        }, iter: 20_000, print: edits => Show([.. edits.Select(e => new[] { e })]));

    [Theory]
    [InlineData(0, 5, 5, 3, true)] // a replacement may start where another ends
    [InlineData(0, 5, 5, 0, true)] // an insertion may sit at a replacement's end
    [InlineData(0, 5, 4, 0, false)] // but not inside it
    [InlineData(5, 0, 5, 0, false)] // two insertions at one offset would land in either order
    [InlineData(5, 0, 5, 3, false)] // and an insertion where a replacement starts could land inside it
    [InlineData(5, 0, 6, 0, true)]
    public void Edits_beside_a_taken_edit(int start, int length, int nextStart, int nextLength, bool clear)
    {
        var taken = new TakenEdits();
        taken.Take(new TextEdit(Main, new TextSpan(start, length), "N"));
        Assert.Equal(clear, taken.Clear(new TextEdit(Main, new TextSpan(nextStart, nextLength), "N")));
        Assert.True(taken.Clear(new TextEdit(Master, new TextSpan(nextStart, nextLength), "N")));
    }

    [Fact]
    public void A_fix_whose_later_edit_comes_first_keeps_the_furthest_end()
    {
        var taken = new TakenEdits();
        taken.Take(new TextEdit(Main, new TextSpan(20, 5), "N"));
        taken.Take(new TextEdit(Main, new TextSpan(0, 3), "N"));
        Assert.False(taken.Clear(new TextEdit(Main, new TextSpan(10, 1), "N")));
        Assert.True(taken.Clear(new TextEdit(Main, new TextSpan(25, 1), "N")));
    }

    private static string Show(List<TextEdit[]> fixes) =>
        string.Join(" ", fixes.Select(f => "{" + string.Join(", ", f.Select(e => $"{Path.GetFileName(e.File.Path)}{e.Span}")) + "}"));
}
