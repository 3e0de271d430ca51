using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Tests.Core;

/// <summary>
/// Edits are checked for interference with an index over their starts and applied in one copy of
/// the text; both used to be quadratic in the number of edits. The oracles are the direct ways:
/// every taken edit compared with <see cref="TextSpan.Overlaps"/>, edits applied one by one from the back.
/// </summary>
public sealed class EditApplicationTests
{
    [Fact]
    public void Random_edits_are_taken_as_comparing_with_every_taken_edit_takes_them()
    {
        var random = new Random(11);
        for (var round = 0; round < 3000; round++)
        {
            var files = new[] { new SourceFile("/a/main.cf", new string('x', 40)), new SourceFile("/a/master.cf", new string('y', 40)) };
            var fixes = Enumerable.Range(0, random.Next(1, 25)).Select(_ => RandomEdits(random, files, random.Next(1, 4))).ToList();

            var taken = new TakenEdits(fixes.SelectMany(f => f));
            var chosen = new List<int>();
            var direct = new List<TextEdit>();
            var directChosen = new List<int>();
            for (var i = 0; i < fixes.Count; i++)
            {
                if (!fixes[i].Any(taken.Overlaps))
                {
                    fixes[i].ForEach(taken.Take);
                    chosen.Add(i);
                }

                if (!fixes[i].Any(e => direct.Any(t => t.File.Path == e.File.Path && t.Span.Overlaps(e.Span))))
                {
                    direct.AddRange(fixes[i]);
                    directChosen.Add(i);
                }
            }

            Assert.Equal(directChosen, chosen);
        }
    }

    [Fact]
    public void Random_edits_apply_as_one_by_one_from_the_back()
    {
        var random = new Random(12);
        for (var round = 0; round < 3000; round++)
        {
            var file = new SourceFile("/a/main.cf", string.Concat(Enumerable.Range(0, 30).Select(i => (char)('a' + (i % 26)))));
            // Mostly edits that keep clear of each other, as the fixer chooses them; sometimes not.
            var edits = RandomEdits(random, [file], random.Next(0, 12));
            if (round % 3 != 0)
            {
                var taken = new List<TextEdit>();
                edits = edits.Where(e => !taken.Any(t => t.Span.Overlaps(e.Span)) && Take(taken, e)).ToList();
            }

            Assert.Equal(Outcome(() => BackToFront(file.Text, edits)), Outcome(() => Fixer.Apply([file], edits)[0].Text));
        }
    }

    /// <summary>The text, or the exception: overlapping edits break the contract, and may fail, but must fail alike.</summary>
    private static string Outcome(Func<string> apply)
    {
        try
        {
            return apply();
        }
        catch (ArgumentOutOfRangeException e)
        {
            return e.GetType().Name;
        }
    }

    private static bool Take(List<TextEdit> taken, TextEdit edit)
    {
        taken.Add(edit);
        return true;
    }

    private static List<TextEdit> RandomEdits(Random random, SourceFile[] files, int count) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            var file = files[random.Next(files.Length)];
            var start = random.Next(file.Text.Length + 1);
            var length = random.Next(3) == 0 ? 0 : random.Next(Math.Min(6, file.Text.Length - start) + 1);
            return new TextEdit(file, new TextSpan(start, length), random.Next(3) == 0 ? string.Empty : new string((char)('A' + random.Next(26)), random.Next(1, 4)));
        }).ToList();

    /// <summary>The application as it was: edits from the back, later ones at one offset first.</summary>
    private static string BackToFront(string original, IEnumerable<TextEdit> edits)
    {
        var text = new System.Text.StringBuilder(original);
        foreach (var edit in edits.Select((e, i) => (e, i)).OrderByDescending(x => x.e.Span.Start).ThenByDescending(x => x.i).Select(x => x.e))
        {
            text.Remove(edit.Span.Start, edit.Span.Length).Insert(edit.Span.Start, edit.NewText);
        }

        return text.ToString();
    }
}
