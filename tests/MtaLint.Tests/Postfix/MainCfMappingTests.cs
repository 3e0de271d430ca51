using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Tests.Postfix;

/// <summary>
/// The parser's names, values and spans against a reference reader written the slow, obvious way:
/// every char of a logical line carries its file offset. Generated files mix one-line and
/// continued assignments, comments and blanks inside them, CRLF, empty values, orphans, errors
/// and a missing final newline, so that each way the parser avoids copying text (one-piece
/// lines read in place, joined lines, slices of either) is compared char by char.
/// </summary>
public sealed class MainCfMappingTests
{
    private static readonly string[] Starts =
    [
        "a = 1", "b=2", "smtpd_banner = $myhostname ESMTP", "c =", "d = \t", "e = x # y  ", "f\t=\tv w\r", "g = ", "h", "= 1", "i j = 1",
    ];

    private static readonly string[] Continuations = ["  more", "\tx,y", "   ", "  # indented comment", "#c", "", "  z \r", " $ref"];

    [Fact]
    public void Names_values_and_spans_match_a_char_by_char_reference_reader()
    {
        var random = new Random(20240607);
        for (var n = 0; n < 3000; n++)
        {
            var text = Generate(random);
            var doc = MainCfParser.Parse(new SourceFile("main.cf", text));
            var expected = Reference(text);
            Assert.Equal(expected.Count(e => e.Error), doc.Errors.Count);
            var assignments = expected.Where(e => !e.Error && !e.Orphan).ToList();
            Assert.Equal(assignments.Count, doc.Assignments.Count);
            Assert.Equal(expected.Count(e => e.Orphan), doc.Orphans.Count);
            for (var i = 0; i < assignments.Count; i++)
            {
                var want = assignments[i];
                var got = doc.Assignments[i];
                var context = $"file {n}: {Escape(text)}";
                Assert.True(want.Name == got.Name, context);
                Assert.True(want.Value == got.Value, context);
                Assert.True(want.WholeSpan == got.WholeSpan, context);
                Assert.True(want.NameSpan == got.NameSpan, context);
                Assert.True(want.EqualsAt == got.EqualsSpan.Start, context);
                for (var c = 0; c < want.ValueOffsets.Length; c++)
                {
                    Assert.True(want.ValueOffsets[c] == got.ValueText.ToFile(c), context);
                }

                if (want.ValueOffsets.Length > 0)
                {
                    Assert.True(TextSpan.FromBounds(want.ValueOffsets[0], want.ValueOffsets[^1] + 1) == got.ValueSpan, context);
                    Assert.True(want.ValueOffsets[^1] + 1 == got.ValueText.ToFile(got.Value.Length), context);
                    CheckSlices(got.ValueText, want.ValueOffsets, context);
                }
                else
                {
                    Assert.True(got.ValueSpan.Length == 0, context);
                }
            }
        }
    }

    private static void CheckSlices(MappedText value, int[] offsets, string context)
    {
        for (var start = 0; start <= value.Length; start++)
        {
            for (var end = start; end <= value.Length; end++)
            {
                var slice = value.Slice(start, end);
                Assert.True(value.Text[start..end] == slice.Text, context);
                for (var c = 0; c < slice.Length; c++)
                {
                    Assert.True(offsets[start + c] == slice.ToFile(c), context);
                }

                if (end > start)
                {
                    Assert.True(TextSpan.FromBounds(offsets[start], offsets[end - 1] + 1) == value.FileSpan(start, end), context);
                }
            }
        }
    }

    private static string Generate(Random random)
    {
        var lines = new List<string>();
        if (random.Next(8) == 0)
        {
            lines.Add(Continuations[random.Next(Continuations.Length)]);
        }

        for (var i = random.Next(1, 5); i > 0; i--)
        {
            lines.Add(Starts[random.Next(Starts.Length)]);
            for (var c = random.Next(-1, 3); c > 0; c--)
            {
                lines.Add(Continuations[random.Next(Continuations.Length)]);
            }
        }

        var newline = random.Next(3) == 0 ? "\r\n" : "\n";
        var text = string.Join(newline, lines);
        return random.Next(4) == 0 ? text : text + newline;
    }

    private sealed record Expected(bool Orphan, bool Error, string Name, string Value, int[] ValueOffsets, TextSpan NameSpan, int EqualsAt, TextSpan WholeSpan);

    /// <summary>readlline + split_nameval with a file offset kept for every char.</summary>
    private static List<Expected> Reference(string text)
    {
        var physical = new List<(int Start, int ContentEnd, int End)>();
        for (var start = 0; start < text.Length;)
        {
            var newline = text.IndexOf('\n', start);
            var contentEnd = newline < 0 ? text.Length : newline;
            var end = newline < 0 ? text.Length : newline + 1;
            physical.Add((start, contentEnd, end));
            start = end;
        }

        var result = new List<Expected>();
        var chars = new List<(char C, int At)>();
        var first = -1;
        var lastEnd = -1;
        var orphan = false;
        void Flush()
        {
            if (first >= 0)
            {
                result.Add(Split(chars, orphan, TextSpan.FromBounds(first, lastEnd)));
            }

            chars.Clear();
        }

        foreach (var (start, contentEnd, end) in physical)
        {
            var content = text[start..contentEnd];
            var blank = content.All(PostfixLineReader.IsSpace);
            if (blank || content.TrimStart(' ', '\t', '\r', '\v', '\f')[0] == '#')
            {
                continue;
            }

            var indented = PostfixLineReader.IsSpace(content[0]);
            if (!indented)
            {
                Flush();
                first = start;
                orphan = false;
            }
            else if (first < 0)
            {
                first = start;
                orphan = true;
            }

            lastEnd = end;
            for (var i = start; i < contentEnd; i++)
            {
                chars.Add((text[i], i));
            }
        }

        Flush();
        return result;
    }

    private static Expected Split(List<(char C, int At)> t, bool orphan, TextSpan whole)
    {
        var none = new Expected(orphan, !orphan, "", "", [], default, -1, whole);
        if (orphan)
        {
            return none;
        }

        var i = 0;
        while (i < t.Count && PostfixLineReader.IsSpace(t[i].C))
        {
            i++;
        }

        var nameStart = i;
        while (i < t.Count && !PostfixLineReader.IsSpace(t[i].C) && t[i].C != '=')
        {
            i++;
        }

        var nameEnd = i;
        while (i < t.Count && PostfixLineReader.IsSpace(t[i].C))
        {
            i++;
        }

        if (nameEnd == nameStart || i == t.Count || t[i].C != '=')
        {
            return none;
        }

        var equals = i++;
        while (i < t.Count && PostfixLineReader.IsSpace(t[i].C))
        {
            i++;
        }

        var valueEnd = t.Count;
        while (valueEnd > i && PostfixLineReader.IsSpace(t[valueEnd - 1].C))
        {
            valueEnd--;
        }

        var name = string.Concat(t.Skip(nameStart).Take(nameEnd - nameStart).Select(x => x.C));
        var value = t.Skip(i).Take(valueEnd - i).ToArray();
        return new Expected(false, false, name, string.Concat(value.Select(x => x.C)), value.Select(x => x.At).ToArray(),
            TextSpan.FromBounds(t[nameStart].At, t[nameEnd - 1].At + 1), t[equals].At, whole);
    }

    private static string Escape(string s) => s.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");
}
