using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Tests.Core;

/// <summary>
/// A file's edits are applied in one copy of the text, in the order of their starts. The oracle is
/// the direct way: edits applied one by one from the back.
/// </summary>
public sealed class EditApplicationTests
{
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
